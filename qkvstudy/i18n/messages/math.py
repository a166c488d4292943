"""Math and drill blocks inside a note (qkvstudy.tui.widgets.math_markdown)."""

MESSAGES = {
    "math.drill.title": ("▶ 练习：{title} · 难度 {level}", "▶ Drill: {title} · level {level}"),
    "math.drill.hint": ("选中后按 Enter 或点击开始", "Select it and press Enter, or click it, to start"),
    "math.drill.unknown": ("未知的练习类型 {type}", "unknown drill type {type}"),
}
