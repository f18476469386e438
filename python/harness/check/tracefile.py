"""Trace files on disk: opened safely, and kept small.

A trace is JSON Lines. A run folder keeps a large one compressed with
zstd (`<name>.jsonl.zst`, results/README.md): a million-item pipeline
writes 300 MB of text that packs into about 27 MB in a third of a
second. Every reader opens traces through `opened`, which takes either
form, so check-traces, pages and spread read both alike.

zstandard (pinned) is the compressor: the `zstd` command-line tool
reads its files (`zstd -dc trace.jsonl.zst | head`), and it packs and
unpacks several times faster than gzip at a better ratio.
"""

import io
import os
import stat

import zstandard

from harness.errors import BadInput

PACK_BYTES = 1 << 20  # traces this large are compressed in a run folder
SUFFIX = ".zst"
MAGIC = b"\x28\xb5\x2f\xfd"  # how a zstd frame begins
LEVEL = 3
BUFFER = 1 << 16

# What a path may be instead of a regular file, in words.
KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
         (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode, kinds=KINDS):
    return next((words for test, words in kinds if test(mode)),
                "not a file")


def open_checked(path, check, flags=0):
    """path open for binary reading, once check(stat) has passed on
    what was opened (it returns the stat, or raises): opened without
    waiting, as a FIFO with no writer would block the open itself.
    The one way the harness opens a file it did not write."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | flags)
    try:
        st = check(os.fstat(fd))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st
    except BaseException:
        os.close(fd)
        raise


def open_regular(path, shown=None):
    """A regular file open for binary reading, and its size. Anything
    else is BadInput at once."""
    shown = shown or path

    def regular(st):
        if not stat.S_ISREG(st.st_mode):
            raise BadInput(f"cannot read trace {shown}: it is "
                           f"{kind_of(st.st_mode)}, not a regular file")
        return st

    try:
        f, st = open_checked(path, regular)
    except OSError as err:
        raise BadInput(f"cannot read trace {shown}: "
                       f"{err.strerror}") from None
    return f, st.st_size


def unpacked(f):
    """The text of an open trace file: as it is, or, where the file
    is zstd, decompressed as it is read (a buffered reader either
    way; readline works on both)."""
    first = f.peek(len(MAGIC))[:len(MAGIC)] if hasattr(f, "peek") \
        else b""
    if first != MAGIC:
        return f
    reader = zstandard.ZstdDecompressor().stream_reader(
        f, read_across_frames=True, closefd=False)
    return io.BufferedReader(Checked(reader), BUFFER)


class Checked(io.RawIOBase):
    """A zstd stream whose corruption is BadInput, not ZstdError."""

    def __init__(self, reader):
        self.reader = reader

    def readable(self):
        return True

    def readinto(self, buffer):
        try:
            return self.reader.readinto(buffer)
        except zstandard.ZstdError as err:
            raise BadInput(f"a compressed trace that does not "
                           f"decompress: {err}") from None


def pack(path):
    """Compress a trace in place: path -> path.zst (written beside
    it under a temporary name, then renamed), the original removed.
    Returns the new path."""
    target = path.with_name(path.name + SUFFIX)
    partial = target.with_name(target.name + ".partial")
    try:
        with open(path, "rb") as src, open(partial, "wb") as dst:
            zstandard.ZstdCompressor(level=LEVEL).copy_stream(src, dst)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    path.unlink()
    return target
