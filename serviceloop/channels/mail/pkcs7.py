"""The signed content of an opaque S/MIME signature (RFC 8551 3.5.2): a CMS SignedData (RFC 5652 5).

Only the content is taken out, so that the desk can read the mail. The signature is NOT verified: no
certificate, digest or signer is checked, and nothing read here says who sent the mail. The original
stays with the mail as the evidence for whoever needs to check it.

The reader is strict and small: it follows only the elements on the way to the content and insists
that every element it meets is well formed and ends where its parent ends. Whatever is not exactly
ContentInfo{signedData, [0] SignedData{..., {id-data, [0] OCTET STRING}, ..., SET}} gives None:
truncated or trailing bytes, lengths beyond the data, indefinite lengths without their end, nesting
deeper than MAX_NESTING, more than MAX_ELEMENTS elements (countless tiny chunks), a detached
signature (no content), or any other content type. The end of an indefinite length is looked for once,
so the work grows with the input and stops at the budget; the content is a part of the input, never
bigger.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

MAX_NESTING = 32  # constructed levels followed; real signatures have fewer than ten
MAX_LAYERS = 4  # S/MIME parts opened per mail, so signed inside signed inside ... stops early
MAX_ELEMENTS = 500_000  # element headers read per signature; a 60 MB mail in 4096-byte chunks has 11 000
_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")  # 1.2.840.113549.1.7.2
_DATA = bytes.fromhex("2a864886f70d010701")  # 1.2.840.113549.1.7.1
_INTEGER, _OCTETS, _OID, _SEQUENCE, _SET = 0x02, 0x04, 0x06, 0x30, 0x31
_CONSTRUCTED_OCTETS, _EXPLICIT_0 = 0x24, 0xA0
_CONSTRUCTED = 0x20


class _Unreadable(Exception):
    pass


@dataclass(frozen=True)
class _Element:
    tag: int  # the identifier octet; tag numbers above 30 keep only their class and form bits
    start: int  # where the content starts
    end: int  # where the content ends (the end-of-contents octets of an indefinite length)
    after: int  # where the next element starts


def signed_content(data: bytes) -> bytes | None:
    """The content of a SignedData (the signed MIME entity of an S/MIME mail), or None."""
    try:
        content = _Reader(bytes(data)).signed_content()
    except _Unreadable:
        return None
    return content if len(content) <= len(data) else None


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.budget = MAX_ELEMENTS
        self.open_ended: dict[int, _Element] = {}  # indefinite lengths already followed, by position

    def signed_content(self) -> bytes:
        info = self.element(0, len(self.data), 0)
        if info.tag != _SEQUENCE or info.after != len(self.data):
            raise _Unreadable
        content_type, explicit = self.children(info, 0, 2, 2)
        self.expect_oid(content_type, _SIGNED_DATA)
        (signed,) = self.children(_expect(explicit, _EXPLICIT_0), 1, 1, 1)
        version, digests, encapsulated, *rest = self.children(_expect(signed, _SEQUENCE), 2, 4, 6)
        _expect(version, _INTEGER)
        _expect(digests, _SET)
        _expect(rest[-1], _SET)  # signerInfos, after the optional certificates [0] and crls [1]
        if [item.tag for item in rest[:-1]] not in ([], [0xA0], [0xA1], [0xA0, 0xA1]):
            raise _Unreadable
        e_content_type, *e_content = self.children(_expect(encapsulated, _SEQUENCE), 3, 1, 2)
        self.expect_oid(e_content_type, _DATA)
        if not e_content:  # a detached signature: the content travelled elsewhere
            raise _Unreadable
        (octets,) = self.children(_expect(e_content[0], _EXPLICIT_0), 4, 1, 1)
        return self.octets(octets, 5)

    def octets(self, element: _Element, depth: int) -> bytes:
        """An OCTET STRING's bytes; a constructed one (BER) is the concatenation of its chunks."""
        if element.tag == _OCTETS:
            return self.data[element.start : element.end]
        if element.tag != _CONSTRUCTED_OCTETS:
            raise _Unreadable
        return b"".join(self.octets(chunk, depth + 1) for chunk in self.each_child(element, depth))

    def expect_oid(self, element: _Element, oid: bytes) -> None:
        if self.data[_expect(element, _OID).start : element.end] != oid:
            raise _Unreadable

    def children(self, parent: _Element, depth: int, least: int, most: int) -> list[_Element]:
        found: list[_Element] = []
        for child in self.each_child(parent, depth):
            found.append(child)
            if len(found) > most:
                raise _Unreadable
        if len(found) < least:
            raise _Unreadable
        return found

    def each_child(self, parent: _Element, depth: int) -> Iterator[_Element]:
        """The elements inside `parent`, which is at nesting level `depth`."""
        if not parent.tag & _CONSTRUCTED:
            raise _Unreadable
        cursor = parent.start
        while cursor < parent.end:
            child = self.element(cursor, parent.end, depth + 1)
            yield child
            cursor = child.after

    def element(self, position: int, limit: int, depth: int) -> _Element:
        """The element at `position`, ending by `limit`; an indefinite length is followed to its end."""
        if depth > MAX_NESTING:
            raise _Unreadable
        known = self.open_ended.get(position)
        if known is not None:
            if known.after > limit:
                raise _Unreadable
            return known
        tag, length, start = self.header(position, limit)
        if length is not None:
            return _Element(tag, start, start + length, start + length)
        cursor = start
        while not self.data.startswith(b"\x00\x00", cursor):  # the end-of-contents octets
            if cursor >= limit:
                raise _Unreadable
            cursor = self.element(cursor, limit, depth + 1).after  # always moves on by two or more
        if cursor + 2 > limit:
            raise _Unreadable
        self.open_ended[position] = _Element(tag, start, cursor, cursor + 2)
        return self.open_ended[position]

    def header(self, position: int, limit: int) -> tuple[int, int | None, int]:
        """Identifier, length (None: indefinite) and content start of the element at `position`."""
        self.budget -= 1
        data = self.data
        if self.budget < 0 or position + 2 > limit or data[position] == 0:  # 0: only end-of-contents
            raise _Unreadable
        tag = data[position]
        position += 1
        if tag & 0x1F == 0x1F:  # a tag number above 30, in base 128; CMS has none, so it is only skipped
            tag &= 0xE0
            for _ in range(4):
                more = data[position] & 0x80 if position < limit else 0
                position += 1
                if not more:
                    break
            else:
                raise _Unreadable
        if position >= limit:
            raise _Unreadable
        first = data[position]
        position += 1
        if first == 0x80:
            if not tag & _CONSTRUCTED:
                raise _Unreadable
            return tag, None, position
        count = first & 0x7F if first & 0x80 else 0
        if count > 8 or position + count > limit:  # eight length octets already exceed any mail
            raise _Unreadable
        length = int.from_bytes(data[position : position + count], "big") if count else first
        position += count
        if length > limit - position:
            raise _Unreadable
        return tag, length, position


def _expect(element: _Element, tag: int) -> _Element:
    if element.tag != tag:
        raise _Unreadable
    return element
