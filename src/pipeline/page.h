#ifndef FAREFLOW_PIPELINE_PAGE_H_
#define FAREFLOW_PIPELINE_PAGE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/mac.h"
#include "core/result.h"
#include "model/search_request.h"
#include "pipeline/selection.h"

namespace fareflow {

// One page of a sorted selection: the entries [offset, offset + count).
struct Page {
  std::size_t offset = 0;
  std::size_t count = 0;
  // Opaque cursor of the next page; empty on the last page.
  std::string next_cursor;
};

// The key page cursors are signed with: the one SetCursorKey installed, else a random key made
// on first use, so that by default a cursor is good only in the process that made it. Thread-safe.
const MacKey& CursorKey();

// Installs the key every later CursorKey() returns, so that instances sharing a search store
// (configured with the same key) accept each other's cursors. Call once at start, before any
// search runs: cursors made before it no longer verify. Returns false, changing nothing, when a
// key was installed already. Thread-safe.
bool SetCursorKey(const MacKey& key);

// Cuts the page that `cursor` points at (the first page when empty) out of `sorted`, at most
// `limit` entries (0 = all the rest). The cursor is URL-safe base64 (no padding) of a version,
// `query_fingerprint`, the offset and their MAC under `key` (core/mac.h): a client cannot make
// or alter one. It is only valid for the query with the same fingerprint, and pages stay stable
// because Sort's order is total.
//
// Errors (ErrorCode::kInvalidArgument):
//   field "cursor": "malformed cursor" (not one of ours -- another key, an older version -- or
//                   damaged), "cursor does not belong to this query" (another fingerprint),
//                   "cursor is past the end of the results";
//   field "limit":  "limit must not be negative".
Result<Page> TakePage(const Selection& sorted, int limit, std::string_view cursor,
                      uint64_t query_fingerprint, const MacKey& key = CursorKey());

// A 64-bit XXH3 fingerprint of everything that decides which offers a page holds: `search_id`
// (the stored search, or any string naming the supplier answers paged over), the slices,
// passengers, cabin, currency, max_connections, filters and sort. The limit and the cursor
// are left out, so a client may change the page size while walking the pages.
uint64_t QueryFingerprint(const SearchRequest& request, std::string_view search_id);

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_PAGE_H_
