#include "commands/verify.hpp"

#include <ostream>

#include "model/instance_url.hpp"
#include "net/network_options.hpp"
#include "net/triplydb_api.hpp"
#include "util/error.hpp"

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
  const std::string instance_name = result.info ? result.info->name : std::string();
  ctx.out << "verified: account " << result.account.account_name << " (" << result.account.type << ") on "
          << (instance_name.empty() ? "" : instance_name + ", ") << profile.instance << "\n";
}

}  // namespace tdb
