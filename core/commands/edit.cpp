// edit: the profiles file in $VISUAL or $EDITOR, as visudo and crontab -e do it: the editor gets a
// private copy, which replaces the file only when it is a valid profiles file; otherwise the
// message says where it is wrong and, on a terminal, the editor opens again.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/profile_yaml.hpp"
#include "shell/shell_words.hpp"
#include "store/edit_copy.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace tdb {

namespace {

constexpr std::string_view new_file_text = "version: 1\nprofiles:\n";

// $VISUAL, else $EDITOR, else vi; split into words as a token_command is ("code --wait").
std::vector<std::string> editor_command(const Environment& env) {
  for (const char* name : {"VISUAL", "EDITOR"}) {
    auto value = env.get(name);
    if (!value || value->empty()) continue;
    auto words = split_words(*value);
    if (!words || words->empty())
      throw Failure("$" + std::string(name) + " is '" + *value +
                    "', which is not a command line: " + (words ? std::string("it is empty") : words.error().message));
    return *words;
  }
  return {"vi"};
}

void run_editor(Context& ctx, const std::vector<std::string>& editor, const EditCopy& copy) {
  std::vector<std::string> argv = editor;
  argv.push_back(copy.path().string());
  ctx.out.flush();
  ctx.err.flush();
  auto exit = run_attached(argv, ctx.env);
  if (!exit) throw Failure("cannot start the editor '" + editor.front() + "': " + exit.error().detail + "; set VISUAL or EDITOR");
  if (exit->signal || exit->status != 0)
    throw Failure("the editor '" + editor.front() + "' did not exit cleanly (" +
                  (exit->signal ? "signal " + std::to_string(*exit->signal) : "status " + std::to_string(exit->status)) +
                  "); nothing was changed");
}

// Only on a terminal: "y" opens the editor again, anything else leaves the file as it was.
bool edit_again(Context& ctx, const CommandLine& line) { return ctx.stdin_is_terminal && confirmed(ctx, line, "Edit again?"); }

}  // namespace

int run_edit(Context& ctx, const CommandLine& line) {
  const ProfileStore store = store_for(ctx);
  // As it is, even when it is broken: edit is the way to repair it.
  const std::string original = store.text();
  const bool existed = !original.empty();
  const auto editor = editor_command(ctx.env);
  EditCopy copy(store.path(), existed ? original : std::string(new_file_text));
  for (;;) {
    run_editor(ctx, editor, copy);
    const std::string edited = copy.read();
    if (edited == original || (!existed && edited == new_file_text)) {
      ctx.out << "No changes; " << store.path().string() << " is as it was.\n";
      return 0;
    }
    auto document = ProfileDocument::parse(edited);
    if (document) {
      store.replace_text(original, edited);
      const auto count = document->profiles().profiles.size();
      ctx.out << "Saved " << store.path().string() << " (" << count << (count == 1 ? " profile).\n" : " profiles).\n");
      return 0;
    }
    ctx.err << "triplydb-profile: " << store.located(document.error()) << "\n";
    if (!edit_again(ctx, line)) throw Failure("nothing was changed; " + store.path().string() + " is as it was");
  }
}

}  // namespace tdb
