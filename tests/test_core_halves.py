"""careerblog.halves: a list computed half in a forked child process is the same list."""

from __future__ import annotations

import os

import pytest

from careerblog.halves import map_in_two

PARENT = os.getpid()


def _square_and_where(n: int) -> tuple[int, bool]:
    return n * n, os.getpid() == PARENT


def test_the_list_is_the_one_process_list_with_its_second_half_from_another_process():
    found = map_in_two(_square_and_where, list(range(101)))
    assert [square for square, _ in found] == [n * n for n in range(101)]
    assert all(here for _, here in found[:50]) and not any(here for _, here in found[50:])


def _fails_in_a_child(n: int) -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("cannot work here")
    return n + 1


def test_a_child_that_fails_leaves_its_half_to_this_process():
    assert map_in_two(_fails_in_a_child, list(range(10))) == list(range(1, 11))


def _fails(n: int) -> int:
    if n == 7:
        raise ValueError(f"item {n}")
    return n


def test_an_error_of_the_function_is_raised_here_as_without_the_child():
    with pytest.raises(ValueError, match="item 7"):
        map_in_two(_fails, list(range(10)))


def test_the_child_takes_the_share_it_is_given_of_the_last_items():
    from careerblog.halves import split_in_two

    found = split_in_two(list(range(100)), lambda part: [_square_and_where(n) for n in part], child_share=0.4)
    assert [square for square, _ in found] == [n * n for n in range(100)]
    assert all(here for _, here in found[:60]) and not any(here for _, here in found[60:])
