#include "store/keyring.hpp"

#include <cmath>
#include <cstdlib>

#include "store/keyring_wire.hpp"
#include "util/helper_program.hpp"
#include "util/process.hpp"

namespace tdb {

namespace {

using keyring::Outcome;

std::string with_detail(std::string message, const std::string& detail) { return detail.empty() ? message : message + " (" + detail + ")"; }

// What each way of failing tells the user; the token never goes anywhere else instead.
std::string explain(const keyring::Response& response, const KeyringItem& item) {
  switch (response.outcome) {
    case Outcome::not_found:
      return "the keyring has no item with service '" + item.service + "' and account '" + item.account + "'";
    case Outcome::no_bus:
      return with_detail("cannot reach the keyring: there is no D-Bus session bus", response.detail) +
             "; log in to a desktop session, or run the command inside 'dbus-run-session'";
    case Outcome::no_service:
      return with_detail("no Secret Service answers on the D-Bus session bus", response.detail) +
             "; start gnome-keyring, KWallet or KeePassXC with its Secret Service integration";
    case Outcome::no_collection:
      return "the Secret Service has no default collection to keep the token in; create one (e.g. with Seahorse)";
    case Outcome::locked:
      return with_detail("the keyring is locked and no unlock prompt can be shown here", response.detail) +
             "; unlock it first (log in to the desktop, or 'gnome-keyring-daemon --unlock')";
    case Outcome::dismissed:
      return "the keyring stayed locked: the unlock prompt was dismissed";
    case Outcome::failed:
    case Outcome::ok:
      break;
  }
  return with_detail("the Secret Service refused the request", response.detail);
}

std::chrono::milliseconds timeout_from(const Environment& env) {
  if (auto text = env.get("TRIPLYDB_KEYRING_TIMEOUT")) {
    char* end = nullptr;
    const double seconds = std::strtod(text->c_str(), &end);
    if (end != text->c_str() && *end == '\0' && std::isfinite(seconds) && seconds > 0 && seconds <= 3600)
      return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  }
  return default_keyring_timeout;
}

std::string describe(std::chrono::milliseconds timeout) {
  if (timeout.count() == 1000) return "1 second";
  if (timeout.count() % 1000 == 0) return std::to_string(timeout.count() / 1000) + " seconds";
  return std::to_string(timeout.count()) + " ms";
}

class SecretServiceKeyring final : public Keyring {
 public:
  explicit SecretServiceKeyring(const Context& ctx)
      : program_path_(ctx.program_path), env_(ctx.env.without_prefix("TRIPLYDB_")), timeout_(timeout_from(ctx.env)) {
    may_prompt_ = !ctx.env.get("DISPLAY").value_or("").empty() || !ctx.env.get("WAYLAND_DISPLAY").value_or("").empty();
  }

  Expected<std::string> get(const KeyringItem& item) override {
    auto response = ask({keyring::Operation::get, item.service, item.account, "", "", may_prompt_}, item);
    if (!response) return response.error();
    return response->secret;
  }

  std::optional<Problem> store(const KeyringItem& item, const std::string& label, const std::string& secret) override {
    auto response = ask({keyring::Operation::store, item.service, item.account, label, secret, may_prompt_}, item);
    if (!response) return response.error();
    return std::nullopt;
  }

  std::optional<Problem> remove(const KeyringItem& item) override {
    auto response = ask({keyring::Operation::remove, item.service, item.account, "", "", may_prompt_}, item, true);
    if (!response) return response.error();
    return std::nullopt;
  }

 private:
  Expected<keyring::Response> ask(const keyring::Request& request, const KeyringItem& item, bool absent_is_fine = false) {
    auto helper = find_helper(program_path_, keyring_helper_name);
    if (!helper)
      return Problem{missing_helper_message(program_path_, keyring_helper_name, "keyring helper") + ": reinstall triplydb-profile"};
    const std::string what = "the keyring helper " + helper->string();
    auto run = run_process({{helper->string()}, keyring::encode_request(request), 256 * 1024, timeout_}, env_);
    if (!run) {
      if (run.error().failure == ProcessFailure::timed_out)
        return Problem{what + " did not answer within " + describe(timeout_) +
                       " and was stopped (is the keyring waiting for an unlock prompt? TRIPLYDB_KEYRING_TIMEOUT sets the deadline)"};
      return Problem{"cannot run " + what + ": " + run.error().detail};
    }
    if (run->signal) return Problem{what + " was ended by signal " + std::to_string(*run->signal)};
    auto response = keyring::decode_response(run->output);
    if (run->status != 0 || !response) return Problem{what + " failed: reinstall triplydb-profile"};
    if (response->outcome == Outcome::ok || (absent_is_fine && response->outcome == Outcome::not_found)) return std::move(*response);
    return Problem{explain(*response, item)};
  }

  std::filesystem::path program_path_;
  Environment env_;
  std::chrono::milliseconds timeout_;
  bool may_prompt_ = false;
};

}  // namespace

std::unique_ptr<Keyring> system_keyring(const Context& ctx) { return std::make_unique<SecretServiceKeyring>(ctx); }

}  // namespace tdb
