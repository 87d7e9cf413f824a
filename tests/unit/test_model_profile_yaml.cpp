#include <catch2/catch.hpp>

#include "model/profile_yaml.hpp"
#include "model/yaml_emit.hpp"
#include "test_support.hpp"

using namespace tdb;
using tdb::test::mint_token;

namespace {

const std::string token = mint_token(R"({"uid":"u1","iss":"https://api.triplydb.com"})");

std::string file_with(const std::string& profiles_body) { return "version: 1\nprofiles:\n" + profiles_body; }

FileProblem problem_of(const std::string& text) {
  auto document = ProfileDocument::parse(text);
  REQUIRE_FALSE(document);
  return document.error();
}

void check_problem(const std::string& text, int line, int column, const std::string& message) {
  INFO(text);
  auto problem = problem_of(text);
  CHECK(problem.message == message);
  CHECK(problem.line == line);
  CHECK(problem.column == column);
}

}  // namespace

TEST_CASE("an empty or comment-only file is an empty set") {
  for (const char* text : {"", "# nothing yet\n", "version: 1\n", "version: 1\nprofiles:\n"}) {
    auto document = ProfileDocument::parse(text);
    REQUIRE(document);
    CHECK(document->profiles().profiles.empty());
    CHECK_FALSE(document->profiles().default_name);
  }
}

TEST_CASE("every field is read, and the instance is normalised") {
  auto document =
      ProfileDocument::parse("version: 1\ndefault: prod\nprofiles:\n  prod:\n    instance: HTTPS://API.TriplyDB.com/\n    token: " + token +
                             "\n    account: acme\n    description: 'production, write'\n");
  REQUIRE(document);
  const ProfileSet& set = document->profiles();
  REQUIRE(set.profiles.size() == 1);
  CHECK(set.default_name == "prod");
  const Profile& p = set.profiles[0];
  CHECK(p.name == "prod");
  CHECK(p.instance == "https://api.triplydb.com");
  CHECK(p.token == token);
  CHECK(p.account == "acme");
  CHECK(p.description == "production, write");
}

TEST_CASE("edits keep keys this version does not know, and the order of profiles") {
  std::string text = "version: 1\ncolour: blue\nprofiles:\n  b:\n    instance: https://api.triplydb.com\n    token: " + token +
                     "\n    note: keep me\n  a:\n    instance: https://api.triplydb.com\n    token: " + token + "\n";
  auto document = ProfileDocument::parse(text);
  REQUIRE(document);
  ProfileDocument doc = std::move(document).value();
  Profile b = *doc.profiles().find("b");
  b.account = "acme";
  doc.put(b);
  doc.put({"c", "https://api.acme.example", token, std::nullopt, std::string("new")});
  doc.rename("a", "a2");
  doc.set_default(std::string("a2"));

  auto reread = ProfileDocument::parse(doc.to_text());
  REQUIRE(reread);
  CHECK(reread->profiles().names() == std::vector<std::string>{"b", "a2", "c"});
  CHECK(reread->profiles().default_name == "a2");
  CHECK(reread->profiles().find("b")->account == "acme");
  CHECK(reread->profiles().find("c")->description == "new");
  std::string out = doc.to_text();
  CHECK(out.find("colour: blue") != std::string::npos);
  CHECK(out.find("note: keep me") != std::string::npos);
  CHECK(out.rfind("version: 1\ndefault: a2\n", 0) == 0);
}

TEST_CASE("removing or renaming the default keeps `default` right") {
  ProfileDocument doc;
  doc.put({"prod", "https://api.triplydb.com", token, std::nullopt, std::nullopt});
  doc.set_default(std::string("prod"));
  doc.rename("prod", "production");
  CHECK(ProfileDocument::parse(doc.to_text())->profiles().default_name == "production");
  doc.remove("production");
  auto reread = ProfileDocument::parse(doc.to_text());
  CHECK_FALSE(reread->profiles().default_name);
  CHECK(reread->profiles().profiles.empty());
}

TEST_CASE("hostile values survive a write and a read byte for byte") {
  std::vector<std::string> values{"it's",
                                  "\"dq\"",
                                  "`id` $(touch x)",
                                  "ends with \\",
                                  "line\nbreak",
                                  "\ttab",
                                  "- dash",
                                  "# hash",
                                  "key: value",
                                  "yes",
                                  "123",
                                  "~",
                                  " lead",
                                  "trail ",
                                  "\xE2\x80\x98"
                                  "curly"
                                  "\xE2\x80\x99",
                                  "\xC2\xA0no-break space, U+00A0, just above the C1 controls",
                                  "[a, b]",
                                  "{a: b}",
                                  "&anchor",
                                  "*alias",
                                  "!tag",
                                  "%percent",
                                  "@at",
                                  "|",
                                  ">"};
  ProfileDocument doc;
  for (std::size_t i = 0; i < values.size(); ++i)
    doc.put({"p" + std::to_string(i), "https://api.triplydb.com", token, values[i], values[i]});
  auto reread = ProfileDocument::parse(doc.to_text());
  REQUIRE(reread);
  for (std::size_t i = 0; i < values.size(); ++i) {
    INFO(values[i]);
    CHECK(reread->profiles().find("p" + std::to_string(i))->account == values[i]);
    CHECK(reread->profiles().find("p" + std::to_string(i))->description == values[i]);
  }
}

TEST_CASE("text that a YAML reader would take for a number, a boolean or null is written quoted") {
  ProfileDocument doc;
  doc.put(
      {"1e3", "https://api.triplydb.com", "", std::string("123"), std::string("true"), std::vector<std::string>{"pass", "0x1F", "null"}});
  doc.set_default("1e3");
  const std::string text = doc.to_text();
  INFO(text);
  CHECK(text.rfind("version: 1\n", 0) == 0);  // a number, as the format says, even in a new file
  CHECK(text.find("default: \"1e3\"\n") != std::string::npos);
  CHECK(text.find("\n  \"1e3\":\n") != std::string::npos);
  CHECK(text.find("    account: \"123\"\n") != std::string::npos);
  CHECK(text.find("    description: \"true\"\n") != std::string::npos);
  CHECK(text.find("      - pass\n      - \"0x1F\"\n      - \"null\"\n") != std::string::npos);
  auto reread = ProfileDocument::parse(text);
  REQUIRE(reread);
  CHECK(reread->profiles().find("1e3")->account == "123");
}

TEST_CASE("a rewrite keeps the file's quotes, plain scalars and flow lists as they were") {
  auto parsed = ProfileDocument::parse(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: " + token +
                                                 "\n    port: 8080\n    label: \"8080\"\n    flags: [a, b]\n    note: 'yes'\n"));
  REQUIRE(parsed);
  ProfileDocument doc = std::move(parsed).value();
  doc.set_default("prod");
  const std::string text = doc.to_text();
  INFO(text);
  CHECK(text.find("    port: 8080\n") != std::string::npos);
  CHECK(text.find("    label: \"8080\"\n") != std::string::npos);
  CHECK(text.find("    flags: [a, b]\n") != std::string::npos);
  CHECK(text.find("    note: \"yes\"\n") != std::string::npos);
}

TEST_CASE("a key that escapes make longer than YAML allows is written as an explicit key") {
  // Found by the loader fuzzer: 300 control characters read plain come back as 1,200 characters
  // of escapes, more than the 1,024 a simple key may have.
  const std::string key = "k" + std::string(300, '\x05');
  auto parsed = ProfileDocument::parse("version: 1\n" + key +
                                       ": x\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: " + token + "\n");
  REQUIRE(parsed);
  const std::string text = parsed->to_text();
  INFO(text);
  CHECK(text.find("\n? \"k\\x05") != std::string::npos);
  auto reread = ProfileDocument::parse(text);
  REQUIRE(reread);
  CHECK(reread->profiles().find("prod")->token == token);
  CHECK(reread->to_text() == text);
}

TEST_CASE("aliases of mappings and lists are refused, aliases of text are kept") {
  // Found by the loader fuzzer: a mapping that holds an alias of itself had no end when written.
  check_problem("version: 1\nprofiles:\n  a: &p\n    instance: https://api.triplydb.com\n    i: *p\n", 3, 6,
                "this mapping or list is used again through an alias, which is not supported; write it out");
  check_problem("version: 1\nx: &l [1, 2]\ny: [*l, *l]\n", 2, 4,
                "this mapping or list is used again through an alias, which is not supported; write it out");
  auto parsed = ProfileDocument::parse(file_with("  prod:\n    instance: &i https://api.triplydb.com\n    token: " + token +
                                                 "\n  other:\n    instance: *i\n    token: " + token + "\n"));
  REQUIRE(parsed);
  CHECK(parsed->profiles().find("other")->instance == "https://api.triplydb.com");
}

TEST_CASE("which plain scalars change type") {
  for (const char* changes : {"",      "123",  "-1",   "+1.5", "1e3",  "1.5E-3", ".5",  ".inf", "-.Inf", ".NaN", "0x1F", "0o17", "0b101",
                              "1_000", "1:30", "NULL", "~",    "True", "false",  "Yes", "no",   "ON",    "off",  "y",    "N"}) {
    CAPTURE(changes);
    CHECK(plain_scalar_changes_type(changes));
  }
  for (const char* stays :
       {"prod", "1password", "acme-read", "p5", "https://api.triplydb.com", "v1.2", "a123", "nope", "yess", ".", "-", "+", "::"}) {
    CAPTURE(stays);
    CHECK_FALSE(plain_scalar_changes_type(stays));
  }
}

TEST_CASE("bad files are refused with line and column") {
  std::string good_body = "    instance: https://api.triplydb.com\n    token: " + token + "\n";
  check_problem("version: 1\nprofiles:\n  prod:\n\tinstance: x\n", 4, 1, "a tab is used for indentation; YAML allows only spaces there");
  check_problem("version: [1\n", 2, 1, "end of sequence flow not found: a '[' without its ']'");
  check_problem("- a\n- b\n", 1, 1, "the file must be a mapping with 'version' and 'profiles', not a list");
  check_problem("version: 2\n", 1, 10, "this file has format version 2; this program reads version 1");
  check_problem("version: one\n", 1, 10, "'version' must be a number");
  check_problem("version: 1\nprofiles: [a]\n", 2, 11, "'profiles' must be a mapping of names to profiles, not a list");
  check_problem(file_with("  prod:\n" + good_body + "  prod:\n" + good_body), 6, 3, "duplicate profile 'prod' (first at line 3)");
  check_problem("version: 1\nversion: 1\n", 2, 1, "duplicate top-level key 'version' (first at line 1)");
  check_problem(file_with("  prod:\n" + good_body + "    token: x\n"), 6, 5, "duplicate key in profile 'prod' 'token' (first at line 5)");
  check_problem(file_with("  bad name:\n" + good_body), 3, 3,
                "invalid profile name 'bad name': use only letters, digits, '.', '_' and '-'");
  check_problem(file_with("  prod: x\n"), 3, 9, "profile 'prod' must be a mapping with 'instance' and 'token', not text");
  check_problem(file_with("  prod:\n"), 3, 3, "profile 'prod' must be a mapping with 'instance' and 'token', not nothing");
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n"), 3, 3, "profile 'prod' has no 'token'");
  check_problem(file_with("  prod:\n    token: " + token + "\n"), 3, 3, "profile 'prod' has no 'instance'");
  check_problem(file_with("  prod:\n" + good_body + "    account: [a, b]\n"), 6, 14, "profile 'prod': 'account' must be text, not a list");
  check_problem(file_with("  prod:\n    instance: {a: b}\n    token: x\n"), 4, 15,
                "profile 'prod': 'instance' must be text, not a mapping");
  check_problem(
      file_with("  prod:\n    instance: http://api.triplydb.com\n    token: " + token + "\n"), 4, 15,
      "profile 'prod': invalid instance URL 'http://api.triplydb.com': plain http:// would send the token unencrypted; use https:// "
      "(http:// is allowed only to localhost)");
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: \"abc'def\"\n"), 5, 12,
                "profile 'prod': the token is not a TriplyDB API token: it contains a quote (') at character 4");
  check_problem(
      file_with("  prod:\n    instance: https://api.triplydb.com\n    token: \"" + token + "\\n\"\n"), 5, 12,
      "profile 'prod': the token is not a TriplyDB API token: it contains a newline at character " + std::to_string(token.size() + 1));
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: not-a-jwt\n"), 5, 12,
                "profile 'prod': the token is not a TriplyDB API token: a JWT has three parts separated by '.'");
  check_problem("version: 1\ndefault: -x\n", 2, 10, "'default': invalid profile name '-x': it must start with a letter or digit");
  check_problem("version: 1\ndefault: [a]\n", 2, 10, "the file: 'default' must be text, not a list");
}

TEST_CASE("a keyring profile names its item and holds no token; moving the token rewrites both ways") {
  auto document =
      ProfileDocument::parse(file_with("  vault:\n    instance: https://api.triplydb.com\n    keyring: {service: s, account: a}\n"));
  REQUIRE(document);
  const Profile* vault = document->profiles().find("vault");
  REQUIRE(vault);
  CHECK(vault->keyring == KeyringItem{"s", "a"});
  CHECK(vault->token.empty());
  CHECK_FALSE(vault->has_stored_token());

  Profile moved = *vault;  // back into the file
  moved.keyring.reset();
  moved.token = token;
  ProfileDocument edited = std::move(document).value();
  edited.put(moved);
  CHECK(edited.to_text() == file_with("  vault:\n    instance: https://api.triplydb.com\n    token: " + token + "\n"));

  moved.token.clear();  // and into the keyring again
  moved.keyring = KeyringItem{keyring_service, "vault"};
  edited.put(moved);
  CHECK(
      edited.to_text() ==
      file_with("  vault:\n    instance: https://api.triplydb.com\n    keyring:\n      service: triplydb-profile\n      account: vault\n"));
}

TEST_CASE("a keyring entry the loader cannot use is refused with line and column") {
  const std::string head = "  vault:\n    instance: https://api.triplydb.com\n";
  check_problem(file_with(head + "    token: " + token + "\n    keyring: {service: s, account: a}\n"), 6, 14,
                "profile 'vault' has both 'token' and 'keyring'; keep one of them");
  check_problem(file_with(head + "    keyring: {service: s}\n"), 5, 14,
                "profile 'vault': 'keyring' needs 'account' as text that is not empty");
  check_problem(file_with(head + "    keyring: [s, a]\n"), 5, 14,
                "profile 'vault': 'keyring' must be a mapping with 'service' and 'account', not a list");
  check_problem(file_with(head + "    keyring: {service: s, account: \"a\\tb\"}\n"), 5, 36,
                "profile 'vault': 'keyring': 'account' must be at most 255 bytes without control characters");
}

TEST_CASE("access is read, write or management, and survives a write and a read") {
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: " + token + "\n    access: admin\n"), 6, 13,
                "profile 'prod': 'access' is read, write or management, not 'admin'");
  auto document = ProfileDocument::parse(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: " + token + "\n"));
  REQUIRE(document);
  ProfileDocument edited = std::move(document).value();
  Profile profile = *edited.profiles().find("prod");
  profile.access = "write";
  edited.put(profile);
  CHECK(edited.to_text().find("\n    access: write\n") != std::string::npos);
  auto again = ProfileDocument::parse(edited.to_text());
  REQUIRE(again);
  CHECK(again->profiles().find("prod")->access == "write");
}

TEST_CASE("a key a profile does not know is kept and named with the key it is most likely meant to be") {
  auto document = ProfileDocument::parse("version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: " + token +
                                         "\n    acount: acme\n    colour: red\n");
  REQUIRE(document.has_value());
  auto notes = document->unknown_keys();
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].message == "profile 'prod' has a key 'acount' that this version does not know; did you mean 'account'?");
  CHECK(notes[0].line == 6);
  CHECK(notes[0].column == 5);
  CHECK(notes[1].message == "profile 'prod' has a key 'colour' that this version does not know (it is kept as it is)");
  CHECK(document->unknown_keys("other").empty());
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n    tokn: " + token + "\n"), 5, 5,
                "profile 'prod' has no 'token'; is 'tokn' meant to be 'token'?");
}

TEST_CASE("a profile's vars are read in order; ENV is allowed there, loader variables are not") {
  auto document = ProfileDocument::parse(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: " + token +
                                                   "\n    vars:\n      ENV: production\n      ETL_MODE: \"it's $(x)\"\n"));
  REQUIRE(document);
  CHECK(document->profiles().profiles.at(0).vars == Variables{{"ENV", "production"}, {"ETL_MODE", "it's $(x)"}});
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: " + token + "\n    vars:\n      LD_PRELOAD: x\n"), 7,
                7, "profile 'prod': 'vars': 'LD_PRELOAD' changes how programs are loaded; LD_* names cannot be extra variables");
  check_problem(file_with("  prod:\n    instance: https://api.triplydb.com\n    token: " + token + "\n    vars: [a]\n"), 6, 11,
                "profile 'prod': 'vars' must be a mapping of names to text, not a list");
}
