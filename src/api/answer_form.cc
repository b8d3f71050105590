#include "api/answer_form.h"

#include <vector>

#include "api/media_range.h"

namespace fareflow {
namespace {

// Whether a profile parameter's value (a space-separated list of profiles) names `profile`.
bool ListsProfile(std::string_view list, std::string_view profile) {
  while (!list.empty()) {
    const std::size_t space = list.find_first_of(" \t");
    if (list.substr(0, space) == profile) return true;
    if (space == std::string_view::npos) return false;
    list.remove_prefix(space + 1);
  }
  return false;
}

// How specifically a range matches application/json with (`compact`) or without the compact
// profile: 0 not at all, then */*, application/*, application/json, application/json;profile.
int Specificity(const MediaRange& range, bool compact) {
  if (range.type == "*") return 1;
  if (range.type != "application") return 0;
  if (range.subtype == "*") return 2;
  if (range.subtype != "json") return 0;
  const std::string* profile = range.Parameter("profile");
  if (profile == nullptr) return 3;
  // A range naming profiles matches only representations with one of them.
  return compact && ListsProfile(*profile, kCompactProfile) ? 4 : 0;
}

// The weight the ranges give the JSON answer in one form: that of its most specific range (the
// highest among equally specific ones); 0 when none matches.
double WeightOf(const std::vector<MediaRange>& ranges, bool compact) {
  int best = 0;
  double weight = 0;
  for (const MediaRange& range : ranges) {
    const int s = Specificity(range, compact);
    if (s == 0 || s < best) continue;
    if (s > best) {
      best = s;
      weight = range.weight;
    } else if (range.weight > weight) {
      weight = range.weight;
    }
  }
  return weight;
}

}  // namespace

std::optional<AnswerForm> ParseAnswerForm(std::string_view s) { return kAnswerFormNames.Find(s); }

AnswerForm PreferredAnswerForm(std::string_view accept) {
  if (accept.empty()) return AnswerForm::kFull;
  const std::vector<MediaRange> ranges = ParseAccept(accept);
  return WeightOf(ranges, /*compact=*/true) > WeightOf(ranges, /*compact=*/false)
             ? AnswerForm::kCompact
             : AnswerForm::kFull;
}

AnswerForm ChooseAnswerForm(std::optional<AnswerForm> asked, std::string_view accept) {
  return asked ? *asked : PreferredAnswerForm(accept);
}

std::string_view AnswerContentType(AnswerForm form) {
  return form == AnswerForm::kCompact ? kCompactContentType : kFullContentType;
}

}  // namespace fareflow
