"""Every #include under core/ is an arrow that core/README.md's module table allows.

The table's first column names modules (`folder/name`, or `folder/*` for a whole folder); its last
column what they may use: modules, folders (`folder/`) and libraries as they are included
(yaml-cpp, nlohmann, cxxopts, curl, embedded_shells). The standard library and POSIX are always
allowed. A module that the table does not list fails too, so the table cannot fall behind.
Usage: check_includes.py CORE_DIR"""
import os
import re
import sys

core = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
LIBRARIES = {"yaml-cpp": "yaml-cpp", "nlohmann": "nlohmann", "cxxopts.hpp": "cxxopts", "curl": "curl",
             "embedded_shells.hpp": "embedded_shells", "libsecret": "libsecret"}


def read_table():
    rules = {}
    with open(os.path.join(core, "README.md"), encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not cells[0].startswith("`"):
                continue
            allowed = set(re.findall(r"`([^`]+)`", cells[2])) | {w for w in re.split(r"[,\s]+", cells[2]) if w in LIBRARIES.values()}
            for module in re.findall(r"`([^`]+)`", cells[0]):
                rules[module] = allowed
    return rules


def rule_for(module, rules):
    if module in rules:
        return rules[module]
    folder = module.rsplit("/", 1)[0] + "/*" if "/" in module else None
    return rules.get(folder)


def allows(allowed, module, dependency):
    if dependency == module:
        return True
    if dependency in allowed:
        return True
    return any(entry.endswith("/") and dependency.startswith(entry) for entry in allowed)


def main():
    rules = read_table()
    failures, arrows = [], 0
    for folder, _, names in os.walk(core):
        for name in sorted(names):
            if not name.endswith((".cpp", ".hpp", ".c", ".h")):
                continue
            path = os.path.join(folder, name)
            module = os.path.splitext(os.path.relpath(path, core))[0]
            allowed = rule_for(module, rules)
            if allowed is None:
                failures.append(f"{module}: not in the table of core/README.md")
                continue
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for quoted in re.findall(r'^#include "([^"]+)"', text, re.M):
                dependency = os.path.splitext(quoted)[0]
                if "/" not in dependency:  # beside the file: the helper's own curl_request.h
                    dependency = os.path.splitext(os.path.relpath(os.path.join(folder, quoted), core))[0]
                arrows += 1
                if not allows(allowed, module, dependency):
                    failures.append(f"{module} includes {quoted}, which the table does not allow")
            for angled in re.findall(r"^#include <([^>]+)>", text, re.M):
                library = LIBRARIES.get(angled.split("/")[0])
                if library is None:
                    continue
                arrows += 1
                if library not in allowed:
                    failures.append(f"{module} includes <{angled}> ({library}), which the table does not allow")
    for failure in failures:
        print("FAIL:", failure)
    print(f"check_includes: {arrows - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


main()
