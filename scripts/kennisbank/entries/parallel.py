"""Checking many files at once: one process per core for a large tree, and a checker that dies is
found out file by file instead of stopping the check.

Generic over what one file's check gives (`Outcome`): the initiatives' check (entries.validate)
passes its check_file, and what to report for a file whose checker stopped.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

Outcome = TypeVar("Outcome")
Check = Callable[[Path], Outcome]
# What a file gets whose checker stopped (crashed or hung): its outcome, made from the reason.
Stopped = Callable[[Path, str], Outcome]

# Above this many files the check runs in one process per core: parsing YAML is CPU-bound.
PARALLEL_FROM = 1000
# A file that needs longer than this on its own is reported instead of waited for.
ISOLATED_SECONDS = 60.0


def check_chunk(check: Check[Outcome], files: list[Path]) -> list[Outcome]:
    return [check(path) for path in files]


def send_checks(check: Check[Outcome], files: list[Path], sender: Connection) -> None:
    sender.send(check_chunk(check, files))
    sender.close()


def isolated_checks(check: Check[Outcome], stopped: Stopped[Outcome], files: list[Path]) -> list[Outcome]:
    """check_chunk in a child process of its own; when the child dies or hangs, each half is tried
    again the same way, down to the one file that gets the message (a few children, not one per file)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=send_checks, args=(check, files, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(ISOLATED_SECONDS * len(files)):
            answer: list[Outcome] = receiver.recv()
            return answer
    except (EOFError, OSError):
        pass  # the child died without an answer
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if len(files) > 1:
        middle = len(files) // 2
        return isolated_checks(check, stopped, files[:middle]) + isolated_checks(check, stopped, files[middle:])
    return [stopped(files[0], f"controleproces stopte (code {child.exitcode})")]


def check_all(files: list[Path], check: Check[Outcome], stopped: Stopped[Outcome], warm_up: Callable[[], None]) -> list[Outcome]:
    """check over all files, in order; in parallel for large trees, after warm_up (which builds
    what the workers should inherit rather than each build again).

    A worker that dies (it should not, but a crash in C would do it) does not stop the check: every
    chunk that got no answer is checked again in child processes of its own, halved until the file
    that kills its checker is found.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return [check(path) for path in files]
    warm_up()
    size = max(64, len(files) // (workers * 8))
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = pool_answers(pool, check, chunks)
    return [
        outcome
        for chunk, found in zip(chunks, results, strict=True)
        for outcome in (found if found is not None else isolated_checks(check, stopped, chunk))
    ]


def pool_answers(pool: ProcessPoolExecutor, check: Check[Outcome], chunks: list[list[Path]]) -> list[list[Outcome] | None]:
    """check_chunk of every chunk in the pool; None for a chunk that got no answer because a worker died.

    The pool can break while chunks are still being handed out (a worker dies on its first file),
    so a refused submit is a missing answer too, not an error.
    """
    results: list[list[Outcome] | None] = [None] * len(chunks)
    futures = []
    for chunk in chunks:
        try:
            futures.append(pool.submit(check_chunk, check, chunk))
        except BrokenProcessPool:
            break
    for index, future in enumerate(futures):
        try:
            results[index] = future.result()
        except BrokenProcessPool:
            continue
    return results
