#ifndef FAREFLOW_CORE_MAPPED_FILE_H_
#define FAREFLOW_CORE_MAPPED_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/result.h"

namespace fareflow {

// A regular file's bytes mapped read-only into memory for parsing, with at least
// SIMDJSON_PADDING readable bytes after them, as simdjson requires.
//
// Why a mapping and not read(): reading a payload copies every byte into fresh memory, and the
// kernel first clears each page of it and takes a fault per 4 KiB; a private mapping of the file,
// populated at once (MAP_POPULATE), shows the page cache's own pages, so nothing is cleared,
// copied or faulted page by page. On a recorded W5k (35 MB) that is about 5 ms instead of 35 ms.
//
// The padding: the mapping sits at the start of a zero-filled anonymous reservation of the size
// plus SIMDJSON_PADDING, rounded up to whole pages, so the bytes after the file are readable even
// when its size is a multiple of the page size (the file's own last page would end exactly at
// the end of the document). Their value is unspecified (zero, or bytes appended to the file since
// it was mapped): simdjson needs them readable only.
//
// A file truncated while mapped would make touching the pages it lost kill the process
// (SIGBUS). A process-wide SIGBUS handler, installed by the first Map(), puts zero-filled pages in
// place of the lost ones instead and marks the mapping changed(); a SIGBUS anywhere else keeps its
// previous disposition. So a payload file cut short while it is read reads as zeros past the cut,
// which the caller reports as a read error, as reading a file that shrinks under read() does.
//
// Thread-safety: a MappedFile is immutable once made; its bytes may be read from any thread.
// Moving or destroying one is not thread-safe with reads of it.
class MappedFile {
 public:
  // Maps the regular file at `path`. An error (kIo) when it cannot be opened, is not a regular
  // file, or cannot be mapped; the caller may read it another way then.
  static Result<MappedFile> Map(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // The file's bytes as they were sized when mapped, with the padding after them. Valid as long
  // as this MappedFile (moves keep the bytes where they are).
  simdjson::padded_string_view view() const {
    return simdjson::padded_string_view(data_, size_, size_ + simdjson::SIMDJSON_PADDING);
  }
  std::size_t size() const { return size_; }
  // Bytes of address space held: the file's pages and the padding's.
  std::size_t mapped_bytes() const { return mapped_; }

  // True once part of the file vanished under the mapping (it was truncated) and zeros were read
  // in its place: the bytes are not the file's any more.
  bool changed() const;

 private:
  void Unmap();

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;
  int slot_ = -1;  // in the SIGBUS handler's table of mappings; -1 for none
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_MAPPED_FILE_H_
