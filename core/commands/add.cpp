// add NAME: store a profile. The token never comes from the command line, where it would land
// in shell history and in `ps`.
#include <iostream>
#include <iterator>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/verify.hpp"
#include "model/instance_url.hpp"
#include "model/token.hpp"
#include "net/network_options.hpp"
#include "shell/shell_words.hpp"
#include "store/keyring.hpp"
#include "util/error.hpp"
#include "util/terminal.hpp"

namespace tdb {

namespace {

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Where the user makes a token: the console of --instance, else of the public instance.
std::string where_to_create(const CommandLine& line) {
  std::string instance = "https://api.triplydb.com";
  if (auto given = line.text("instance"))
    if (auto url = normalise_instance_url(*given)) instance = *url;
  return token_settings_page(likely_console_url(instance));
}

// What people paste: a header's "Bearer " before the token, or quotes around it from a .env file.
std::string clean_pasted_token(Context& ctx, std::string token) {
  if (token.size() > 7 && (token.compare(0, 7, "Bearer ") == 0 || token.compare(0, 7, "bearer ") == 0)) {
    token = trim(token.substr(7));
    ctx.err << "Removed 'Bearer ' before the token.\n";
  }
  if (token.size() >= 2 && (token.front() == '"' || token.front() == '\'') && token.back() == token.front()) {
    token = trim(token.substr(1, token.size() - 2));
    ctx.err << "Removed the quotes around the token.\n";
  }
  return token;
}

std::string read_token_text(Context& ctx, const CommandLine& line, const std::string& name) {
  if (line.flag("from-env")) {
    auto token = ctx.env.get("TRIPLYDB_TOKEN");
    if (!token || token->empty()) throw Failure("--from-env: TRIPLYDB_TOKEN is not set in this environment");
    return clean_pasted_token(ctx, trim(*token));
  }
  if (!ctx.stdin_is_terminal) {
    std::string text((std::istreambuf_iterator<char>(ctx.in)), std::istreambuf_iterator<char>());
    std::string token = trim(text);
    if (token.empty())
      throw Failure("no token on standard input: pipe the token in, or run 'triplydb-profile add " + name +
                    "' in a terminal to paste it; create a token at " + where_to_create(line));
    return clean_pasted_token(ctx, token);
  }
  auto answer = prompt_hidden("Token for '" + name + "' (input hidden): ");
  if (!answer || trim(*answer).empty()) throw Failure("no token given; nothing was saved. Create a token at " + where_to_create(line));
  return clean_pasted_token(ctx, trim(*answer));
}

// --token-command CMD: split as the file's token_command string is; the token then comes from it.
std::vector<std::string> token_command_words(const CommandLine& line, const std::string& command_line) {
  if (line.flag("from-env") || line.flag("keyring")) throw UsageError("add: --token-command goes without --from-env and --keyring");
  auto words = split_words(command_line);
  if (!words) throw UsageError("add: --token-command: " + words.error().message);
  if (words->empty()) throw UsageError("add: --token-command needs a command, e.g. --token-command 'pass show triplydb/prod'");
  return *words;
}

// The instance the token belongs to, checked against --instance when that is given.
std::string choose_instance(const CommandLine& line, const TokenClaims& claims) {
  auto from_token = normalise_instance_url(instance_from_claims(claims));
  if (!from_token) throw Failure("the token's issuer is not a usable instance: " + from_token.error().message);
  auto given = line.text("instance");
  if (!given) return *from_token;
  auto requested = normalise_instance_url(*given);
  if (!requested) throw UsageError(requested.error().message);
  if (*requested != *from_token && !line.flag("force"))
    throw Failure("--instance " + *requested + " does not match the token, which was issued by " + *from_token +
                  "; add --force to store it with " + *requested + " anyway");
  return *requested;
}

}  // namespace

int run_add(Context& ctx, const CommandLine& line) {
  const std::string& name = line.positional().front();
  require_valid_name(name);
  for (const char* option : {"account", "description"})
    if (auto problem = line.text(option) ? explain_invalid_free_text("--" + std::string(option), *line.text(option)) : std::nullopt)
      throw UsageError(*problem);
  ProfileStore store = store_for(ctx);
  bool force = line.flag("force");
  if (!force && store.load().profiles().find(name))
    throw Failure("profile '" + name + "' exists already; add --force to replace it, or choose another name");

  Profile profile;
  profile.name = name;
  if (auto command_line = line.text("token-command")) {
    profile.token_command = token_command_words(line, *command_line);
    profile.token = with_token(ctx, profile).token;  // run once: the token names the instance, and is verified
  } else {
    profile.token = read_token_text(ctx, line, name);
  }
  auto claims = read_token(profile.token);
  if (!claims) throw Failure(claims.error().message + "; nothing was saved");
  profile.instance = choose_instance(line, *claims);
  auto now = epoch_seconds(ctx.now);
  if (is_expired(*claims, now) && !force)
    throw Failure("the token expired on " + format_utc(*claims->expires_at) + "; create a new one in the instance's token settings (" +
                  token_settings_page(likely_console_url(profile.instance)) + "), or add --force to store it anyway");
  profile.account = line.text("account");
  if (!line.flag("no-verify")) verify_before_saving(ctx, line, profile, force);
  if (auto given = line.text("description")) profile.description = given;  // else what the instance named it, if anything

  const bool to_keyring = line.flag("keyring");
  std::optional<KeyringItem> replaced_item;  // the keyring item of the profile this one replaces
  store.update([&](ProfileDocument& document) {
    const Profile* existing = document.profiles().find(name);
    if (!force && existing) throw Failure("profile '" + name + "' was added by another process just now; add --force to replace it");
    if (existing && existing->keyring && !keyring_item_shared(document.profiles(), *existing)) replaced_item = existing->keyring;
    if (profile.token_command) {  // the file keeps the command, never what it printed
      Profile stored = profile;
      stored.token.clear();
      return document.put(stored);
    }
    if (!to_keyring) return document.put(profile);
    // Into the keyring first (the item the profile had, replaced), then the file that points at it.
    Profile stored = profile;
    stored.token.clear();
    stored.keyring = replaced_item.value_or(free_keyring_item(document.profiles(), name));
    if (auto problem = system_keyring(ctx)->store(*stored.keyring, keyring_label(profile), profile.token))
      throw Failure("cannot store the token in the keyring: " + problem->message + "; nothing was saved");
    if (stored.keyring == replaced_item) replaced_item.reset();
    document.put(stored);
  });
  // The file no longer points at the old item: it goes too.
  if (replaced_item)
    if (auto problem = system_keyring(ctx)->remove(*replaced_item))
      ctx.err << "triplydb-profile: warning: the old token of '" << name << "' is still in the keyring: " << problem->message << "\n";
  ctx.out << "Added profile '" << name << "' for " << profile.instance
          << (profile.token_command ? " (token from its token_command, now "
              : to_keyring          ? " (token in the keyring, "
                                    : " (token ")
          << mask_token(profile.token);
  if (claims->expires_at) ctx.out << ", expires " << format_utc(*claims->expires_at);
  ctx.out << ").\nActivate it with 'triplydb use " << name << "'.\n";
  return 0;
}

}  // namespace tdb
