// validate.mjs [--json] FILE...: checks profiles files against profiles/profiles.schema.json with
// ajv, reading YAML as a YAML 1.2 reader (and so an editor's language server) does.
// Prints one line per file; exits 0 when every file is valid, 1 when one is not, 2 on misuse.
// The packages come from tests/node (`npm install` there).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../node/package.json", import.meta.url));
const Ajv = require("ajv");
const YAML = require("yaml");

// TRIPLYDB_SCHEMA names another schema of profiles/ (project.schema.json for .triplydb.yaml).
const schemaName = process.env.TRIPLYDB_SCHEMA || "profiles.schema.json";
const schema = JSON.parse(readFileSync(new URL(`../../profiles/${schemaName}`, import.meta.url), "utf8"));
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

// The verdict on one file: a YAML error (the file is no document at all) or the schema's errors.
function check(file) {
  const text = readFileSync(file, "utf8");
  const document = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return { file, valid: false, stage: "yaml", errors: document.errors.map((e) => e.message.split("\n")[0]) };
  }
  const data = document.toJS({ maxAliasCount: 100 });
  if (validate(data)) return { file, valid: true, stage: "schema", errors: [] };
  const errors = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params && e.params.propertyName ? ` (${e.params.propertyName})` : ""}`);
  return { file, valid: false, stage: "schema", errors };
}

const args = process.argv.slice(2);
const json = args[0] === "--json";
const files = json ? args.slice(1) : args;
if (files.length === 0) {
  console.error("usage: node validate.mjs [--json] FILE...");
  process.exit(2);
}
let allValid = true;
for (const file of files) {
  const verdict = check(file);
  allValid &&= verdict.valid;
  if (json) console.log(JSON.stringify(verdict));
  else console.log(verdict.valid ? `${file}: valid` : `${file}: ${verdict.errors.join("; ")}`);
}
process.exit(allValid ? 0 : 1);
