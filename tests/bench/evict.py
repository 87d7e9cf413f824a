"""Drops the cached pages of each program named (a path, or a command found on PATH), so that
its next start reads it from disk. Needs no root: posix_fadvise(DONTNEED) on a file one can read.
Pages that a running process maps stay. Usage: evict.py PROGRAM..."""
import os
import shutil
import sys

for program in sys.argv[1:]:
    path = shutil.which(program) or program
    fd = os.open(os.path.realpath(path), os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
