// libFuzzer target: untrusted bytes as the `cursor` of a page (a POST /v1/searches body member or
// a refine's query parameter), through TakePage, the one public decoder of cursors.

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string_view>

#include "core/result.h"
#include "fuzz/offer_invariants.h"
#include "pipeline/page.h"

namespace {

constexpr uint64_t kFingerprint = 0x5eed5eed5eed5eedULL;

// A sorted selection of 1,000 offers.
const fareflow::Selection& Sorted() {
  static const fareflow::Selection sorted = [] {
    fareflow::Selection s(1000);
    std::iota(s.begin(), s.end(), 0u);
    return s;
  }();
  return sorted;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view cursor(reinterpret_cast<const char*>(data), size);
  const fareflow::Selection& sorted = Sorted();
  const fareflow::Result<fareflow::Page> page =
      fareflow::TakePage(sorted, 20, cursor, kFingerprint);
  if (!page) {
    fareflow::fuzz::Require(page.error().code == fareflow::ErrorCode::kInvalidArgument);
    fareflow::fuzz::Require(page.error().field == "cursor");
    return 0;
  }
  // A cursor that is accepted points inside the results, and the page stays inside them too.
  fareflow::fuzz::Require(page->offset <= sorted.size());
  fareflow::fuzz::Require(page->count <= 20);
  fareflow::fuzz::Require(page->offset + page->count <= sorted.size());
  // The next cursor we hand out is accepted for the same query and nowhere else.
  if (!page->next_cursor.empty()) {
    const fareflow::Result<fareflow::Page> next =
        fareflow::TakePage(sorted, 20, page->next_cursor, kFingerprint);
    fareflow::fuzz::Require(next.has_value() && next->offset == page->offset + page->count);
    fareflow::fuzz::Require(
        !fareflow::TakePage(sorted, 20, page->next_cursor, kFingerprint + 1).has_value());
  }
  return 0;
}
