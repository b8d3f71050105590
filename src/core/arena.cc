#include "core/arena.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace fareflow {
namespace {

std::size_t RoundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

std::size_t PageBytes() {
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

bool IsHugeBlock(std::size_t bytes, std::size_t align) {
  return bytes >= Arena::kHugeBlockBytes && align <= Arena::kHugePageBytes;
}

}  // namespace

void* Arena::BlockCounter::do_allocate(std::size_t bytes, std::size_t align) {
  if (!IsHugeBlock(bytes, align)) {
    void* p = std::pmr::new_delete_resource()->allocate(bytes, align);
    bytes_ += bytes;
    return p;
  }
  // A huge page's worth more than needed, so that a huge-page boundary falls inside; the rest is
  // given back at once.
  const std::size_t size = RoundUp(bytes, PageBytes());
  void* raw = mmap(nullptr, size + kHugePageBytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto raw_begin = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t begin = RoundUp(raw_begin, kHugePageBytes);
  const std::uintptr_t raw_end = raw_begin + size + kHugePageBytes;
  if (begin > raw_begin) munmap(raw, begin - raw_begin);
  if (raw_end > begin + size) munmap(reinterpret_cast<void*>(begin + size), raw_end - begin - size);
  // Advice only: where the kernel has no huge page to give, the block is in small pages.
  madvise(reinterpret_cast<void*>(begin), size / kHugePageBytes * kHugePageBytes, MADV_HUGEPAGE);
  bytes_ += size;
  return reinterpret_cast<void*>(begin);
}

void Arena::BlockCounter::do_deallocate(void* p, std::size_t bytes, std::size_t align) {
  if (!IsHugeBlock(bytes, align)) {
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
    bytes_ -= bytes;
    return;
  }
  const std::size_t size = RoundUp(bytes, PageBytes());
  munmap(p, size);
  bytes_ -= size;
}

}  // namespace fareflow
