"""Iterators across many pages, blocking and asyncio."""

from __future__ import annotations

import pytest

from roq_users import AsyncPlatform, Platform


def test_iter_users_walks_every_page(platform: Platform) -> None:
    admin = platform.as_super_admin()
    for i in range(23):
        admin.create_user(reference=f"it-{i:02}", email=f"it{i}@x.io")
    order = {"order": "ASC", "sort": "created_at"}
    refs = [u.reference for u in admin.iter_users(order=order, page_size=5)]
    assert refs == [f"it-{i:02}" for i in range(23)]
    assert len(list(admin.iter_users(page_size=1000))) == 23
    assert [u.reference for u in admin.iter_users(order=order, page_size=5, offset=20)] == ["it-20", "it-21", "it-22"]
    assert list(admin.iter_users(filter={"reference": {"equal_to": "none"}})) == []


@pytest.mark.asyncio
async def test_async_iter_users(async_platform: AsyncPlatform) -> None:
    admin = async_platform.as_super_admin()
    for i in range(12):
        await admin.create_user(reference=f"ai-{i:02}", email=f"ai{i}@x.io")
    refs = [u.reference async for u in admin.iter_users(order={"order": "DESC", "sort": "created_at"}, page_size=4)]
    assert refs == [f"ai-{i:02}" for i in reversed(range(12))]
