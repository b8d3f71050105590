# Writes OUT, a C++ source holding every file under WEB_DIR as a byte array with its path
# (relative to WEB_DIR), content type and strong ETag, for src/server/page/static_assets.h.
# Run in script mode at build time (cmake -DWEB_DIR=... -DOUT=... -P EmbedWebAssets.cmake), so
# the page needs no tool beyond CMake; the build reruns it whenever a file under web/ changes, is
# added or is removed (WEB_FILES_ID, the hash of the file list, is there only to change the
# command line then).
#
# The ETag is the first 128 bits of the file's SHA-256, computed here: it changes exactly when the
# bytes do, and costs nothing at run time. A file whose extension has no known content type stops
# the build, so nothing is ever served under a guessed type.

if(NOT WEB_DIR OR NOT OUT)
  message(FATAL_ERROR "EmbedWebAssets.cmake needs -DWEB_DIR=<dir> and -DOUT=<file>")
endif()

function(content_type_of path out_var)
  string(REGEX MATCH "\\.[A-Za-z0-9]+$" ext "${path}")
  string(TOLOWER "${ext}" ext)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".json")
    set(type "application/json")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  elseif(ext STREQUAL ".txt")
    set(type "text/plain; charset=utf-8")
  else()
    # Text types only: the Lambda front end sends bodies as JSON strings, not base64.
    message(FATAL_ERROR "web/${path}: no content type is known for \"${ext}\" files; "
                        "add one to cmake/EmbedWebAssets.cmake")
  endif()
  set(${out_var} "${type}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE "${WEB_DIR}" "${WEB_DIR}/*")
if(NOT files)
  message(FATAL_ERROR "${WEB_DIR} holds no file to embed")
endif()
list(SORT files)  # FindAsset searches the table by path

string(REPEAT "0x..," 20 twenty_bytes)  # CMake's regular expressions have no {20}
set(arrays "")
set(rows "")
set(index 0)
foreach(path IN LISTS files)
  if(path MATCHES "[\"\\\\]")
    message(FATAL_ERROR "web/${path}: a file name may not hold a quote or a backslash")
  endif()
  content_type_of("${path}" type)
  file(SHA256 "${WEB_DIR}/${path}" digest)
  string(SUBSTRING "${digest}" 0 32 etag)
  file(SIZE "${WEB_DIR}/${path}" size)
  file(READ "${WEB_DIR}/${path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # Twenty bytes a line keeps the generated file readable in a diff or a debugger.
  string(REGEX REPLACE "(${twenty_bytes})" "\\1\n    " bytes "${bytes}")
  # A trailing zero keeps an empty file's array non-empty; `size` leaves it out of the body.
  string(APPEND arrays "// ${path}\nconstexpr unsigned char kBytes${index}[] = {\n    ${bytes}0};\n")
  string(APPEND rows "      {\"${path}\", \"${type}\", \"\\\"${etag}\\\"\",\n"
                     "       std::string_view(reinterpret_cast<const char*>(kBytes${index}), ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()

set(content "// GENERATED at build time by cmake/EmbedWebAssets.cmake from web/; do not edit.
#include <span>
#include <string_view>

#include \"server/page/static_assets.h\"

namespace fareflow::server {
namespace {

${arrays}
}  // namespace

std::span<const StaticAsset> EmbeddedAssets() {
  static const StaticAsset kAssets[] = {
${rows}  };
  return kAssets;
}

}  // namespace fareflow::server
")

file(WRITE "${OUT}" "${content}")
