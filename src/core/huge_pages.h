#ifndef FAREFLOW_CORE_HUGE_PAGES_H_
#define FAREFLOW_CORE_HUGE_PAGES_H_

#include <cstddef>

namespace fareflow {

// Advises MADV_HUGEPAGE over the whole huge pages (Arena::kHugePageBytes) that lie inside
// [p, p + bytes), and nothing around them: memory beside the range, another allocation's, keeps
// its own advice. Advice only: without transparent huge pages (or none free) the range stays in
// small pages. Used by the arenas' huge blocks and by the parsers' structural index
// (suppliers/parser_buffers.h).
void AdviseHugePages(void* p, std::size_t bytes);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_HUGE_PAGES_H_
