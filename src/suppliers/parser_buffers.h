#ifndef FAREFLOW_SUPPLIERS_PARSER_BUFFERS_H_
#define FAREFLOW_SUPPLIERS_PARSER_BUFFERS_H_

#include <cstddef>

#include <simdjson.h>

namespace fareflow::suppliers {

// Makes `parser` ready for documents of up to `bytes`, as iterate() would on meeting a larger one,
// and asks the kernel to back its structural index with huge pages (MADV_HUGEPAGE).
//
// Why: stage 1 writes four bytes of index per token, about two thirds of a payload's size, into
// memory that a fresh worker (a `fareflow search` process, a Lambda's first search, a server's
// first large payload) touches for the first time. In small pages that is a fault per 4 KiB —
// about 3,500 of a W5k `fareflow search`'s 7,000 — and every read of the index walks one TLB entry
// per 4 KiB; in huge pages it is one fault per 2 MiB and one entry per 2 MiB. The index is written
// from its start, so at most one huge page more than the tokens need is committed. Advice only:
// without transparent huge pages (or none free) the index stays in small pages.
//
// A parser already that large is left as it is. An error only when simdjson cannot allocate
// (CAPACITY beyond its largest document, MEMALLOC); iterate() reports the same error then.
// Not thread-safe for one parser, like the parser itself.
simdjson::error_code ReserveParser(simdjson::ondemand::parser& parser, std::size_t bytes);

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_PARSER_BUFFERS_H_
