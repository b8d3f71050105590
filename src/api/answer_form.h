#ifndef FAREFLOW_API_ANSWER_FORM_H_
#define FAREFLOW_API_ANSWER_FORM_H_

#include <optional>
#include <string_view>

#include "model/name_tables.h"
#include "model/search_request.h"

namespace fareflow {

// The names of the answer forms in a request's "answer_form", a refine's `answer_form` query
// parameter and the CLI: "full", "compact".
inline constexpr NamedValue<AnswerForm> kAnswerFormEntries[] = {{"full", AnswerForm::kFull},
                                                                {"compact", AnswerForm::kCompact}};
inline constexpr NameTable<AnswerForm> kAnswerFormNames{kAnswerFormEntries};
std::optional<AnswerForm> ParseAnswerForm(std::string_view s);

// The profile (RFC 6906) that names the compact form in a media type: an Accept of
// `application/json; profile="compact"` asks for it, and a compact answer's Content-Type is
// kCompactContentType.
inline constexpr std::string_view kCompactProfile = "compact";
inline constexpr std::string_view kCompactContentType = "application/json; profile=\"compact\"";
inline constexpr std::string_view kFullContentType = "application/json";

// The form an Accept header prefers (RFC 9110, section 12.5.1): compact when the weight the
// header gives `application/json` with the compact profile is above the weight it gives plain
// `application/json` (each taken from the most specific range that matches it: the type with
// the profile, the type without one, `application/*`, `*/*`). A tie -- no header, `*/*`,
// `application/json`, or neither acceptable -- is full. Ranges that do not parse are skipped;
// nothing in the header is ever an error.
AnswerForm PreferredAnswerForm(std::string_view accept);

// The form of one answer: the request's own `answer_form` when it gives one (an explicit field of
// the request the client wrote wins over a header its HTTP library may set), else the form
// `accept` prefers.
AnswerForm ChooseAnswerForm(std::optional<AnswerForm> asked, std::string_view accept);

// The Content-Type of an answer in `form`.
std::string_view AnswerContentType(AnswerForm form);

}  // namespace fareflow

#endif  // FAREFLOW_API_ANSWER_FORM_H_
