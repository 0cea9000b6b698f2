"""Provenance: data hashes remembered per process only while a file is unchanged."""

from __future__ import annotations

import hashlib
import os
import time

from nq18lib import provenance


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_data_hashes_follow_every_change_of_a_file(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    file = folder / "a.csv"
    file.write_bytes(b"one")
    old = time.time_ns() - 10**9
    os.utime(file, ns=(old, old))
    reads = []
    original = provenance.file_sha256
    monkeypatch.setattr(provenance, "file_sha256", lambda p: reads.append(p) or original(p))
    monkeypatch.setattr(provenance, "_HASHED", {})
    time.sleep(0.06)  # past the racy margin of the file's last change (its ctime)
    first = provenance.data_hashes([folder])
    assert list(first.values()) == [sha(b"one")]
    assert provenance.data_hashes([folder]) == first and len(reads) == 1  # not read again
    # same size, modification time put back: the change time still tells
    file.write_bytes(b"two")
    os.utime(file, ns=(old, old))
    assert list(provenance.data_hashes([folder]).values()) == [sha(b"two")]
    # hashed within the racy margin of its last change: read again next time
    file.write_bytes(b"six")
    provenance.data_hashes([folder])
    count = len(reads)
    assert list(provenance.data_hashes([folder]).values()) == [sha(b"six")]
    assert len(reads) == count + 1
    (folder / "b.csv").write_bytes(b"new")
    assert len(provenance.data_hashes([folder])) == 2
