#include "core/mapped_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <utility>

namespace fareflow {
namespace {

// The mappings the SIGBUS handler may repair, in a fixed table it can read without locks or
// allocation (a signal handler may do neither). A slot is claimed before its file is mapped and
// freed after it is unmapped; more mappings at once than slots are refused (the caller reads the
// file instead).
struct Slot {
  std::atomic<bool> claimed{false};
  std::atomic<std::uintptr_t> begin{0};  // 0 while the slot holds no mapping
  std::atomic<std::uintptr_t> end{0};    // end of the file's pages (the padding never faults)
  std::atomic<bool> changed{false};
};
constexpr std::size_t kSlots = 4096;
std::array<Slot, kSlots> g_slots;
static_assert(std::atomic<std::uintptr_t>::is_always_lock_free, "read by a signal handler");
static_assert(std::atomic<bool>::is_always_lock_free, "written by a signal handler");

std::uintptr_t g_page = 4096;
struct sigaction g_previous_sigbus;

// A fault on a page that a truncated file lost: zero-filled pages from there to the end of the
// file's pages, and the mapping marked changed. Anything else: the previous disposition, which
// handles the fault when the faulting instruction runs again. mmap and sigaction are system calls
// and safe here; nothing else is called.
void OnSigbus(int, siginfo_t* info, void*) {
  const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (Slot& slot : g_slots) {
    const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    if (begin == 0 || address < begin) continue;
    const std::uintptr_t end = slot.end.load(std::memory_order_acquire);
    if (address >= end) continue;
    const std::uintptr_t page = address & ~(g_page - 1);
    void* zeros = mmap(reinterpret_cast<void*>(page), end - page, PROT_READ,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (zeros != MAP_FAILED) {
      slot.changed.store(true, std::memory_order_release);
      return;
    }
    break;
  }
  sigaction(SIGBUS, &g_previous_sigbus, nullptr);
}

void InstallSigbusHandler() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    struct sigaction action = {};
    action.sa_sigaction = OnSigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &g_previous_sigbus);
  });
}

int ClaimSlot() {
  for (std::size_t i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (g_slots[i].claimed.compare_exchange_strong(expected, true)) return static_cast<int>(i);
  }
  return -1;
}

void FreeSlot(int i) {
  Slot& slot = g_slots[static_cast<std::size_t>(i)];
  slot.begin.store(0, std::memory_order_release);
  slot.end.store(0, std::memory_order_release);
  slot.changed.store(false, std::memory_order_relaxed);
  slot.claimed.store(false, std::memory_order_release);
}

std::size_t RoundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

tl::unexpected<Error> CannotMap(const std::string& path, std::string why) {
  return MakeError(ErrorCode::kIo, "cannot map " + path + ": " + std::move(why));
}

}  // namespace

Result<MappedFile> MappedFile::Map(const std::string& path) {
  InstallSigbusHandler();
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return CannotMap(path, "cannot open it");
  struct stat st = {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return CannotMap(path, "not a regular file");
  }
  MappedFile file;
  file.size_ = static_cast<std::size_t>(st.st_size);
  file.mapped_ = RoundUp(file.size_ + simdjson::SIMDJSON_PADDING, g_page);
  // The reservation first: zero pages after the file's own, so the padding is always readable.
  void* base = mmap(nullptr, file.mapped_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    close(fd);
    return CannotMap(path, "no address space");
  }
  file.data_ = static_cast<const char*>(base);
  if (file.size_ > 0) {
    // The slot before the file's pages: a truncation right after mapping is caught too.
    file.slot_ = ClaimSlot();
    if (file.slot_ < 0) {
      close(fd);
      return CannotMap(path, "too many files mapped at once");
    }
    const std::size_t file_pages = RoundUp(file.size_, g_page);
    Slot& slot = g_slots[static_cast<std::size_t>(file.slot_)];
    slot.end.store(reinterpret_cast<std::uintptr_t>(base) + file_pages, std::memory_order_release);
    slot.begin.store(reinterpret_cast<std::uintptr_t>(base), std::memory_order_release);
    if (mmap(base, file_pages, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) ==
        MAP_FAILED) {
      close(fd);
      return CannotMap(path, "mmap failed");  // file's destructor unmaps and frees the slot
    }
  }
  close(fd);
  return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, 0)),
      slot_(std::exchange(other.slot_, -1)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    Unmap();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, 0);
    slot_ = std::exchange(other.slot_, -1);
  }
  return *this;
}

MappedFile::~MappedFile() { Unmap(); }

bool MappedFile::changed() const {
  return slot_ >= 0 &&
         g_slots[static_cast<std::size_t>(slot_)].changed.load(std::memory_order_acquire);
}

void MappedFile::Unmap() {
  if (slot_ >= 0) {
    // Out of the handler's table first: the address range may be reused once unmapped.
    Slot& slot = g_slots[static_cast<std::size_t>(slot_)];
    slot.begin.store(0, std::memory_order_release);
    slot.end.store(0, std::memory_order_release);
  }
  if (data_ != nullptr) munmap(const_cast<char*>(data_), mapped_);
  if (slot_ >= 0) FreeSlot(slot_);
  data_ = nullptr;
  size_ = 0;
  mapped_ = 0;
  slot_ = -1;
}

}  // namespace fareflow
