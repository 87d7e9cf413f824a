#include "commands/verify.hpp"

#include <ostream>

#include "model/instance_url.hpp"
#include "model/token.hpp"
#include "model/token_scopes.hpp"
#include "net/network_options.hpp"
#include "net/tokens_api.hpp"
#include "net/triplydb_api.hpp"
#include "util/error.hpp"
#include "util/visible_text.hpp"

namespace tdb {

namespace {

const std::string not_saved_hint = "; nothing was saved (add --no-verify to save it without checking)";

api::Verification ask(const http::Client& client, const std::string& instance) {
  try {
    return api::verify_token(client, instance);
  } catch (const UsageError&) {
    throw;
  } catch (const Failure& failure) {  // unreachable, timed out, certificate, refused URL
    throw Failure(failure.what() + not_saved_hint);
  }
}

// The token's own record among the account's tokens (by its jti): its description and the access
// label of its scopes go into the profile. Nothing is learned when the instance will not say.
void learn_token_details(Context& ctx, const http::Client& client, const api::Verification& result, Profile& profile) {
  const auto claims = read_token(profile.token);
  if (!claims || !claims->token_id) return;
  const api::TokensApi tokens(client, profile.instance, result.account.account_name, api::token_settings_url(result));
  const auto listed = tokens.list();
  if (!listed) return;
  const auto* own = api::find_token(*listed, *claims->token_id);
  if (!own) return;
  // Stored as the loader will read it back: control characters spelt out.
  if (!own->description.empty())
    profile.description = find_control_character(own->description) ? visible_text(own->description) : own->description;
  profile.access = access_label(own->scopes_json);
  ctx.out << "token: " << (own->description.empty() ? "no name" : "'" + own->description + "'") << ", access "
          << profile.access.value_or("-") << " (scopes " << own->scopes_json << ")\n";
}

}  // namespace

void verify_before_saving(Context& ctx, const CommandLine& line, Profile& profile, bool force) {
  const http::Settings settings = network_settings(line.result(), ctx.env);
  const auto transport = http::helper_transport(ctx.program_path, ctx.env);
  const http::Client client(*transport, settings, profile.token);
  api::Verification result = ask(client, profile.instance);
  if (result.outcome == api::Outcome::console) {
    auto api_url = normalise_instance_url(result.api_url);
    if (!api_url) throw Failure(result.message + ", which is not a usable instance URL; nothing was saved");
    if (!force) throw Failure(result.message + "; nothing was saved: add --force to save the profile with " + *api_url);
    ctx.err << profile.instance << " is a TriplyDB web console; using its API " << *api_url << "\n";
    profile.instance = *api_url;
    result = ask(client, profile.instance);
  }
  switch (result.outcome) {
    case api::Outcome::verified:
      break;
    case api::Outcome::rejected: {
      const std::string settings_page = api::token_settings_url(result);
      throw Failure(result.message + "; nothing was saved." + (settings_page.empty() ? "" : " Make a new token at " + settings_page));
    }
    case api::Outcome::console:
      throw Failure(result.message + "; nothing was saved");
    case api::Outcome::failed:
      throw Failure(result.message + not_saved_hint);
  }
  // The account the token belongs to is the one exported, unless --account says otherwise (--force).
  const std::string& verified = result.account.account_name;
  if (!profile.account && find_control_character(verified)) {
    // The loader refuses such an account, so it is not stored: the profile goes without one.
    ctx.err << "triplydb-profile: warning: " << profile.instance << " names the account '" << visible_text(verified)
            << "', with control characters; the profile is saved without an account (add --account NAME --force to give it one)\n";
  } else if (!profile.account) {
    profile.account = verified;
  } else if (*profile.account != verified && !force) {
    throw Failure("--account " + *profile.account + " is not the token's account: " + profile.instance + " says it belongs to " + verified +
                  "; nothing was saved (add --force to store it with --account " + *profile.account + " anyway)");
  }
  const std::string instance_name = result.info ? result.info->name : std::string();
  ctx.out << "verified: account " << result.account.account_name << " (" << result.account.type << ") on "
          << (instance_name.empty() ? "" : instance_name + ", ") << profile.instance << "\n";
  learn_token_details(ctx, client, result, profile);
}

}  // namespace tdb
