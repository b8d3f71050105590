#ifndef FAREFLOW_STORE_SNAPSHOT_REQUEST_H_
#define FAREFLOW_STORE_SNAPSHOT_REQUEST_H_

#include "model/search_request.h"
#include "store/snapshot_bytes.h"

namespace fareflow {

// The search request as a search snapshot holds it. The v1 JSON echo (WriteSearchEcho) leaves out
// the filters, max_connections, child ages, cursor and deadline, so the snapshot writes every
// field itself, in this order (integers little-endian; opt = a bool, then the value if set;
// list = a u32 count, then the elements; codes as their letters, "???" / "??" when unset):
//
//   slices            list of {origin: 3 letters, destination: 3 letters, departure_date: i32}
//   passengers        adults: i32, child_ages: list of i32, infants: i32
//   cabin             u8 (Cabin)          currency      3 letters
//   max_connections   opt i32
//   filters           max_stops: opt i32, slice_max_stops: list of opt i32,
//                     include_airlines, exclude_airlines: list of 2 letters,
//                     include_alliances, exclude_alliances: list of u8 (Alliance),
//                     departure_windows, arrival_windows: list of opt {from: i32, to: i32},
//                     max_duration_minutes: opt i32, max_price_minor: opt i64,
//                     checked_bag_included: bool,
//                     layover_airports_include, layover_airports_exclude: list of 3 letters,
//                     min_layover_minutes, max_layover_minutes: opt i32,
//                     no_airport_change: bool, max_co2_kg: opt i32
//   sort              u8 (SortKey)        limit         i32
//   cursor            u64 length + bytes  deadline_ms   opt i32
//
// Dates are days since 1970-01-01, windows minutes after midnight. Enums are written as their
// numeric values, which are therefore part of the format (the .cc pins them).

// Appends every field of `request`.
void WriteSnapshotRequest(const SearchRequest& request, ByteWriter& w);

// Reads what WriteSnapshotRequest wrote. Checks what later code relies on to be memory-safe:
// codes are letters, enums are in range, dates lie in the years 1900..9999 (as ParseDate
// accepts), windows within a day. Failures are recorded in `r` (check r.ok()). Does not validate
// the request as a search: that is ValidateSearchRequest's job.
SearchRequest ReadSnapshotRequest(ByteReader& r);

}  // namespace fareflow

#endif  // FAREFLOW_STORE_SNAPSHOT_REQUEST_H_
