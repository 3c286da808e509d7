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


# --- the indexer against a stand-in for Pagefind's service that answers otherwise -------------

_SERVICE = '''\
import base64, json, sys
mode = {mode!r}
spacing = (", ", ": ") if mode == "spaced" else (",", ":")
def answer(message):
    sys.stdout.buffer.write(base64.b64encode(json.dumps(message, separators=spacing).encode()) + b",")
    sys.stdout.flush()
received = b""
while chunk := sys.stdin.buffer.read1(65536):
    received += chunk
    while b"," in received:
        raw, received = received.split(b",", 1)
        message = json.loads(base64.b64decode(raw))
        kind, number = message["payload"]["type"], message["message_id"]
        if kind == "NewIndex":
            answer({{"message_id": number, "payload": {{"type": "NewIndex", "index_id": 0}}}})
        elif kind == "AddFile":
            answer({{"message_id": number, "payload": {{"type": "IndexedFile", "page_word_count": 1,
                     "page_url": "/", "page_meta": {{}}}}}})
        elif kind == "GetFiles":
            file = {{"content": base64.b64encode(b"{{}}").decode()}}
            if mode != "no path":
                file["path"] = "pagefind-entry.json"
            answer({{"message_id": number, "payload": {{"type": "GetFiles", "files": [file]}}}})
'''


def _indexer_with_service(tmp_path, monkeypatch, mode: str):
    import sys
    import threading

    from careerblog import search_index

    service = tmp_path / "service"
    service.write_text(f"#!{sys.executable}\n" + _SERVICE.format(mode=mode), encoding="utf-8")
    service.chmod(0o755)
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: service)
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<html><body><main data-pagefind-body>Jobs</main></body></html>", encoding="utf-8")
    indexer = search_index.SearchIndexer(str(site))
    indexer.add("index.html", (site / "index.html").read_text(encoding="utf-8"))
    outcome: list = []

    def write():
        try:
            indexer.write()
            outcome.append(None)
        except search_index.SearchIndexError as error:
            outcome.append(error)

    writing = threading.Thread(target=write, daemon=True)
    writing.start()
    writing.join(20)
    assert outcome, "write() hangs"
    return site, outcome[0]


def test_an_answer_written_otherwise_than_compact_still_writes_the_index(tmp_path, monkeypatch):
    site, error = _indexer_with_service(tmp_path, monkeypatch, "spaced")
    assert error is None
    assert (site / "pagefind" / "pagefind-entry.json").read_bytes() == b"{}"


def test_an_answer_the_build_cannot_read_stops_it_with_an_error_not_a_hang(tmp_path, monkeypatch):
    _site, error = _indexer_with_service(tmp_path, monkeypatch, "no path")
    assert "Pagefind's service stopped before writing the index (KeyError" in str(error)


def test_a_file_of_the_index_that_cannot_be_written_is_named_with_its_cause(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pagefind").write_text("in the way", encoding="utf-8")  # a file where the folder goes
    _site, error = _indexer_with_service(tmp_path, monkeypatch, "compact")
    assert str(error).startswith("site/pagefind/pagefind-entry.json: could not write it ([Errno"), str(error)
