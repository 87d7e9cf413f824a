"""What an attacker can write: a snapshot (format 5, as core/profile_cache.cpp lays it out) that
claims to be of the victim's profiles file, and the name the program gives a file's snapshot.
The suites plant it where the victim's program could look, and check that it is never read."""
import os
import struct

MAGIC = b"triplydb-profiles-snapshot 5\n"
HEADER_FIELDS = 14
ENTRY_FIELDS = 7
MASK = (1 << 64) - 1


def fnv1a_words(data):
    """The snapshot's checksum: FNV-1a over 8-byte words, then the bytes left over."""
    total = 14695981039346656037
    full = len(data) - len(data) % 8
    for (word,) in struct.iter_unpack("<Q", data[:full]):
        total = ((total ^ word) * 1099511628211) & MASK
    for byte in data[full:]:
        total = ((total ^ byte) * 1099511628211) & MASK
    return total


def snapshot_name(profiles_file):
    """profiles-<FNV-1a of the absolute path, 16 hex digits>.snapshot"""
    total = 14695981039346656037
    for byte in os.path.normpath(os.path.abspath(profiles_file)).encode():
        total = ((total ^ byte) * 1099511628211) & MASK
    return f"profiles-{total:016x}.snapshot"


def _text(value):
    value = value.encode()
    return struct.pack("<Q", len(value)) + value


def _optional(value):
    return struct.pack("<Q", 0) if value is None else struct.pack("<Q", 1) + _text(value)


def _record(profile):
    command = profile.get("token_command")
    out = _text(profile["instance"]) + _text(profile.get("token", ""))
    out += _optional(profile.get("account")) + _optional(profile.get("description")) + _optional(profile.get("access"))
    out += struct.pack("<Q", 0 if command is None else len(command) + 1)
    for word in command or []:
        out += _text(word)
    keyring = profile.get("keyring")
    out += struct.pack("<Q", 0 if keyring is None else 1)
    if keyring is not None:
        out += _text(keyring["service"]) + _text(keyring["account"])
    return out


def forge(profiles_file, profiles, default=None):
    """A snapshot of `profiles` ({name: {instance, token | token_command | keyring, account}}) that matches
    the current version of `profiles_file` exactly (device, inode, size, times)."""
    info = os.stat(profiles_file)
    names = list(profiles)
    index_end = len(MAGIC) + HEADER_FIELDS * 8 + len(names) * ENTRY_FIELDS * 8
    name_bytes = b""
    header = [0] * HEADER_FIELDS
    if default is not None:
        header[11:14] = [1, index_end, len(default.encode())]
        name_bytes += default.encode()
    entries = []
    for name in names:
        entries.append([index_end + len(name_bytes), len(name.encode())])
        name_bytes += name.encode()
    records_start = index_end + len(name_bytes)
    records = b""
    for entry, name in zip(entries, names):
        record = _record(profiles[name])
        entry += [records_start + len(records), len(record), fnv1a_words(record), 0, 0]
        records += record
    header[1] = records_start + len(records)
    header[2] = records_start
    header[3:10] = [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns // 10**9, info.st_mtime_ns % 10**9,
                    info.st_ctime_ns // 10**9, info.st_ctime_ns % 10**9]
    header[10] = len(names)
    body = struct.pack(f"<{HEADER_FIELDS}Q", *header) + b"".join(struct.pack(f"<{ENTRY_FIELDS}Q", *e) for e in entries)
    out = bytearray(MAGIC + body + name_bytes + records)
    checked_from = len(MAGIC) + 8
    out[len(MAGIC):checked_from] = struct.pack("<Q", fnv1a_words(bytes(out[checked_from:records_start])))
    return bytes(out)
