"""Numbering items; go/kit/items.go is its twin."""


def base(k, items):
    """Where producer k starts counting, so that every item is unique
    and tells who made it: k times the smallest power of ten, from 10
    up, that is at least items (0 and 10 for the blog post's two
    producers of five items)."""
    stride = 10
    while stride < items:
        stride *= 10
    return k * stride
