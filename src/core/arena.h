#ifndef FAREFLOW_CORE_ARENA_H_
#define FAREFLOW_CORE_ARENA_H_

#include <cstddef>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace fareflow {

// An Arena hands out memory for one request and frees all of it at once when it is destroyed
// (or Release()d). Nothing allocated here is freed individually, so only trivially destructible
// types may live in it: offers, slices and segments are plain structs for that reason.
//
// Not thread-safe: each worker thread parsing a payload gets its own Arena; a search's
// RequestContext (engine/request_context.h) owns all of them and releases them together after
// the response has been sent.
class Arena {
 public:
  explicit Arena(std::size_t initial_bytes = 64 * 1024) : resource_(initial_bytes, &blocks_) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Blocks from this size up are huge-page blocks (BlockCounter).
  static constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
  static constexpr std::size_t kHugeBlockBytes = kHugePageBytes;
  static_assert((kHugePageBytes & (kHugePageBytes - 1)) == 0, "a power of two, for alignment");
  // Huge blocks released arenas leave mapped for the next ones, process-wide, at most: what a
  // search of 164 MB of payloads (W20k) on a pool of two releases, its arenas and a tail piece's
  // copy, so that the next search of that size faults nothing in. With 64 MiB such a search
  // faulted about 400 pages in, and took a sixth more CPU time and its mean a fifth more wall
  // time (BM_EndToEndPoolThreads/2). Only blocks searches released are kept: a process whose
  // searches are smaller keeps less. A block released into a full cache takes the place of the
  // blocks kept longest ago, so one very large search does not leave the cache full of sizes the
  // next searches never ask for.
  static constexpr std::size_t kCachedBlockBytes = std::size_t{128} << 20;
  // The same for the heap blocks below kHugeBlockBytes, at most: an arena's first blocks, up to
  // 2 MiB, add up to 4.8 MiB, and a W20k search parses five arenas' worth.
  static constexpr std::size_t kCachedHeapBlockBytes = std::size_t{32} << 20;
  // And at most this many blocks in each of the two caches, whose lists are allocated once, at
  // this size, so that releasing a block never allocates. Beyond it the blocks kept longest ago
  // are freed, as beyond the bytes.
  static constexpr std::size_t kCachedBlockCount = 1024;

  // Bytes of released heap blocks the process keeps for the next arenas now: at most
  // kCachedHeapBlockBytes.
  static std::size_t cached_heap_bytes();

  // Uninitialised room for `n` objects of type T; lives until the arena is released.
  template <typename T>
  T* AllocateArray(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    if (n == 0) return nullptr;
    return static_cast<T*>(resource_.allocate(n * sizeof(T), alignof(T)));
  }

  // Copies `values` into the arena and returns a view of the copy.
  template <typename T>
  std::span<T> CopyArray(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    T* out = AllocateArray<T>(values.size());
    if (!values.empty()) std::memcpy(out, values.data(), values.size_bytes());
    return {out, values.size()};
  }

  // Copies `s` into the arena; the view stays valid until the arena is released.
  std::string_view CopyString(std::string_view s) {
    if (s.empty()) return {};
    char* out = AllocateArray<char>(s.size());
    std::memcpy(out, s.data(), s.size());
    return {out, s.size()};
  }

  // The memory resource, for std::pmr containers whose contents live as long as the arena.
  std::pmr::memory_resource* resource() { return &resource_; }

  // Keeps `other`, and so everything allocated in it, alive as long as this arena: a payload
  // parsed in pieces on two threads (engine/split_payload.h) fills a second arena beside this one.
  void Adopt(std::unique_ptr<Arena> other) { adopted_.push_back(std::move(other)); }

  // Frees everything at once. Every pointer and view handed out before is invalid afterwards.
  void Release() {
    resource_.release();
    adopted_.clear();
  }

  // Bytes of the blocks the arena (and the arenas it adopted) holds from the heap and the kernel:
  // what keeping it alive costs (a stored search's memory accounting reads it).
  std::size_t reserved_bytes() const {
    std::size_t bytes = blocks_.bytes();
    for (const auto& other : adopted_) bytes += other->reserved_bytes();
    return bytes;
  }

 private:
  // Where the monotonic resource's blocks come from, and what they cost. Called once per block,
  // never per allocation, so it costs nothing on the hot path.
  //
  // Every block is rounded up to its size class, at most half again as large (arena.cc), and is
  // counted at that size.
  //
  // Small blocks come from the heap. A released one is kept for the next arena that asks for one
  // of its size class, up to kCachedHeapBlockBytes in the process (arena.cc): glibc would give a
  // worker thread's freed blocks back to the kernel, and the next search would fault them in
  // again.
  //
  // A block of kHugeBlockBytes or more (the resource grows its blocks by half each time, so a
  // large payload's arena soon asks for them) comes from the kernel directly, aligned to a huge
  // page and advised MADV_HUGEPAGE: its memory is faulted in and cleared 2 MiB at a time instead
  // of 4 KiB, and one TLB entry covers 2 MiB of offers. Only the whole huge pages of a block are
  // advised; its tail stays in small pages, so no memory is held that the block cannot use. A
  // released huge block is kept for the next arena that asks for one of its size class, up to
  // kCachedBlockBytes in the process, so that searches that follow one another reuse memory
  // already faulted in. Both caches are thread-safe.
  class BlockCounter final : public std::pmr::memory_resource {
   public:
    std::size_t bytes() const { return bytes_; }

   private:
    void* do_allocate(std::size_t requested, std::size_t align) override;
    void do_deallocate(void* p, std::size_t requested, std::size_t align) override;
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
      return this == &other;
    }
    std::size_t bytes_ = 0;
  };

  BlockCounter blocks_;  // declared first: the resource below returns its blocks here
  std::pmr::monotonic_buffer_resource resource_;
  std::vector<std::unique_ptr<Arena>> adopted_;  // see Adopt
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_ARENA_H_
