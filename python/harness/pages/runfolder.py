"""Reading a run folder that may have come from someone else, for
`make pages`. Every file the folder names must lie inside it once
symlinks are resolved (no "..", no absolute path, no link out: the
pages would publish whatever it pointed at), be a regular file (a
FIFO would block the read for ever, /dev/zero never end it) and be no
larger than a limit named here. Anything else is BadInput, raised
before a byte is read. A file that is simply missing or unreadable is
the OSError the caller decides about."""

import json
import os
import stat
from pathlib import Path, PurePosixPath

from harness.check import tracefile
from harness.errors import BadInput

# json.loads holds a summary.json whole, several times over.
SUMMARY_LIMIT = 64 * 2**20
# Of a trace only the head is parsed; the rest is counted, in chunks,
# up to this many bytes as stored and as decompressed (a small
# compressed file may stand for far more text).
TRACE_LIMIT = 2 * 2**30
CHUNK = 2**20

KINDS = tracefile.KINDS + ((stat.S_ISLNK, "a symlink"),)


def said(text, most=200):
    """A name from the run folder as an error message may quote it:
    short, and on one line whatever it holds."""
    return json.dumps(str(text)[:most], ensure_ascii=False)[1:-1]


def inside(folder, name):
    """Where `name`, a path relative to the run folder, leads once
    every symlink on the way is resolved; BadInput unless inside."""
    if not isinstance(name, str) or not name or "\0" in name:
        raise BadInput(f"{folder}: {said(json.dumps(name), 60)} cannot "
                       f"name a file of the run folder")
    shown = f"{folder}/{said(name)}"
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts:
        raise BadInput(f'{folder}: "{said(name)}" is not a path inside '
                       f"the run folder (no absolute path, no ..)")
    try:
        root = Path(folder).resolve()
        path = (root / rel).resolve()
    except (OSError, RuntimeError) as err:  # a symlink loop
        raise BadInput(f"{shown}: cannot follow its symlinks: "
                       f"{getattr(err, 'strerror', None) or err}") \
            from None
    if not path.is_relative_to(root):
        raise BadInput(f"{shown} leads outside the run folder, to "
                       f"{said(path)}: the pages read nothing from "
                       f"outside")
    return path


def opened(folder, name, limit):
    """The file open for binary reading: inside the folder, regular,
    at most `limit` bytes. Its type is checked before it is opened,
    and again on what was opened, in case it was swapped between."""
    path, shown = inside(folder, name), f"{folder}/{said(name)}"
    before = check(os.lstat(path), shown, limit)
    f, now = tracefile.open_checked(
        path, lambda st: check(st, shown, limit), os.O_NOFOLLOW)
    if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
        f.close()
        raise BadInput(f"{shown} changed while it was opened")
    return f


def check(st, shown, limit):
    """A stat result of a regular file within the limit, or BadInput."""
    if not stat.S_ISREG(st.st_mode):
        what = tracefile.kind_of(st.st_mode, KINDS)
        raise BadInput(f"{shown} is {what}, not a regular file: the "
                       f"pages read only regular files")
    if st.st_size > limit:
        raise BadInput(f"{shown} is {size(st.st_size)}, over the "
                       f"{size(limit)} the pages read")
    return st


def size(n):
    return f"{n / 2**20:,.1f} MiB" if n < 2**30 else \
        f"{n / 2**30:,.2f} GiB"


def read_json(folder, name, limit=SUMMARY_LIMIT):
    """A JSON file of the run folder, parsed; BadInput if it is not
    JSON, OSError if it cannot be read."""
    shown = f"{folder}/{said(name)}"
    with opened(folder, name, limit) as f:
        raw = f.read(limit + 1)
    if len(raw) > limit:
        raise BadInput(f"{shown} grew past {size(limit)} as it was read")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise BadInput(f"{shown} is not UTF-8: {err.reason} at byte "
                       f"{err.start}") from None
    except ValueError as err:
        raise BadInput(f"{shown} is not JSON: {err}") from None
    except RecursionError:
        raise BadInput(f"{shown} is not JSON the pages can read: "
                       f"nested too deeply") from None


def head(f, lines, limit, most=TRACE_LIMIT, shown="the file"):
    """The first lines of an open binary file, at most `lines` of them
    in at most `limit` bytes (one line may be a whole file), and how
    many lines the file has in all: the rest is counted, not kept,
    up to `most` bytes in all (BadInput past that)."""
    kept, budget, last = [], limit, b""
    while len(kept) < lines and budget > 0:
        line = f.readline(budget)
        if not line:
            break
        last = line[-1:]
        if last != b"\n" and len(line) == budget:
            break  # cut off by the budget: not shown, still counted
        kept.append(line)
        budget -= len(line)
    newlines = sum(ln.endswith(b"\n") for ln in kept)
    seen = limit - budget
    while chunk := f.read(CHUNK):
        newlines += chunk.count(b"\n")
        last = chunk[-1:]
        seen += len(chunk)
        if seen > most:
            raise BadInput(f"{shown} holds more than {size(most)} of "
                           f"text: more than the pages read")
    return kept, newlines + (last not in (b"", b"\n"))
