"""careerblog.search_index reads each answer of Pagefind's service as it arrives, and takes
GetFiles' answer (the whole index) apart file by file instead of holding its text whole: it
must give what decoding the whole answer at once gives, however the text is cut into reads."""

from __future__ import annotations

import base64
import json
import random

import pytest

from careerblog.search_index import _Answer


def _encoded(message: dict) -> bytes:
    # As Pagefind's service writes it (serde_json: compact, fields in declaration order).
    return base64.b64encode(json.dumps(message, separators=(",", ":")).encode("utf-8"))


def _read(text: bytes, cuts: list[int]) -> dict:
    answer = _Answer()
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        answer.feed(memoryview(text)[start:cut])
        start = cut
    return answer.end()


FILES = [
    ("pagefind-entry.json", b'{"version":"1.5.2"}'),
    ("fragment/en_1a2b3c.pf_fragment", bytes(range(256)) * 40),
    ("odd/na}me \"quoted\" \\ \u00e9.bin", b"}" * 300),  # a name with a brace, quotes and escapes
    ("index/en_4d5e.pf_index", b""),
    ("wasm.en.pagefind", random.Random(15).randbytes(70_000)),
]
GET_FILES = {"message_id": 1012, "payload": {"type": "GetFiles", "files": [
    {"path": path, "content": base64.b64encode(content).decode("ascii")} for path, content in FILES]}}


def test_get_files_is_taken_apart_into_the_same_files_however_it_is_read():
    text = _encoded(GET_FILES)
    expected = {"message_id": 1012, "payload": {"type": "GetFiles", "files": FILES}}
    assert _read(text, []) == expected
    for size in (1, 3, 4, 5, 63, 64, 65, 4096, 65536):
        assert _read(text, list(range(size, len(text), size))) == expected, size
    rng = random.Random(6)
    for _ in range(20):
        assert _read(text, rng.sample(range(1, len(text)), 30)) == expected


def test_other_answers_are_parsed_whole():
    for message in ({"message_id": 1, "payload": {"type": "NewIndex", "index_id": 0}},
                    {"message_id": 7, "payload": {"type": "Error", "message": "Failed to add file"}},
                    {"message_id": 8, "payload": {"type": "IndexedFile", "page_word_count": 12,
                                                  "page_url": "/blog/a/", "page_meta": {"title": "GetFiles"}}}):
        text = _encoded(message)
        for size in (1, 2, 5, 64, len(text)):
            assert _read(text, list(range(size, len(text), size))) == message


def test_an_answer_cut_short_is_an_error():
    text = _encoded(GET_FILES)
    with pytest.raises(ValueError):
        _read(text[:-6], [])
    cut = _encoded({"message_id": 3, "payload": {"type": "GetFiles", "files": []}})
    with pytest.raises(ValueError):
        _read(base64.b64encode(base64.b64decode(cut)[:-2]), [])
