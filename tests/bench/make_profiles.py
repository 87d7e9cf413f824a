"""Writes a profiles file of N profiles (p1..pN) with realistic, test-minted tokens."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from testkit import mint_token  # noqa: E402


def token(i: int) -> str:
    claims = {"uid": f"user{i:06d}", "iss": "https://api.triplydb.com", "jti": f"{i:032x}", "iat": 1700000000,
              "exp": 4000000000}
    return mint_token(claims, bytes((i * 7 + k) % 256 for k in range(180)))


count, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as out:
    out.write("version: 1\ndefault: p1\nprofiles:\n")
    for i in range(1, count + 1):
        out.write(f"  p{i}:\n    instance: https://api.triplydb.com\n    token: {token(i)}\n"
                  f"    account: account{i}\n    description: benchmark profile {i}\n")
