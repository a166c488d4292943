"""Stats, card info, personal parameters, choosing a retention, leeches (helper: insight)."""

MESSAGES = {
    # CLI: stats
    "insight.stats.header": ("学习统计（{today}）", "Study statistics ({today})"),
    "insight.stats.total": (
        "复习总数 {total} · 当前连续 {current} 天 · 最长连续 {longest} 天",
        "{total} reviews in all · current streak {current} d · longest {longest} d",
    ),
    "insight.stats.last7": ("最近 7 天复习：{days}", "Reviews, last 7 days: {days}"),
    "insight.stats.forecast": (
        "未来 7 天到期：{days}（30 天平均每天 {load:.1f}）",
        "Due, next 7 days: {days} (30-day average {load:.1f} a day)",
    ),
    "insight.stats.retention": ("真实保持率", "True retention"),
    "insight.stats.retention_row": (
        "{period:<6} 新近 {young} · 成熟 {mature}",
        "{period:<6} young {young} · mature {mature}",
    ),
    "insight.stats.period.today": ("今天", "today"),
    "insight.stats.period.week": ("本周", "week"),
    "insight.stats.period.month": ("本月", "month"),
    "insight.stats.period.year": ("今年", "year"),
    "insight.stats.period.all": ("全部", "all"),
    "insight.stats.none": ("—", "—"),
    "insight.stats.buttons": ("按键次数（重来/困难/良好/简单）", "Answer buttons (again/hard/good/easy)"),
    "insight.stats.kind.learning": ("学习", "learning"),
    "insight.stats.kind.young": ("新近", "young"),
    "insight.stats.kind.mature": ("成熟", "mature"),
    "insight.stats.topics": ("主题", "Topics"),
    "insight.stats.topic_row": (
        "{topic}：{notes} 篇 · 平均记忆概率 {r} · 平均稳定性 {s} · 到期 {due}",
        "{topic}: {notes} notes · avg recall {r} · avg stability {s} · due {due}",
    ),
    "insight.stats.weakest": ("  最薄弱：{notes}", "  weakest: {notes}"),
    "insight.stats.drills": ("练习", "Drills"),
    "insight.stats.drill_row": (
        "{type}：{attempts} 次 · 全对 {accuracy:.0%} · 平均 {seconds}",
        "{type}: {attempts} attempts · all right {accuracy:.0%} · average {seconds}",
    ),
    "insight.stats.mistakes": ("最常出错：{items}", "Most often wrong: {items}"),
    "insight.stats.leeches": ("难记卡片（leech）：{n}", "Leeches: {n}"),
    "insight.stats.leech_row": ("  {title}（遗忘 {lapses} 次{suspended}）", "  {title} ({lapses} lapses{suspended})"),
    "insight.stats.suspended": ("，已暂停", ", suspended"),
    # CLI: optimize
    "insight.optimize.too_little": (
        "复习记录不够：可用于训练的复习 {have} 次，至少需要 {need} 次（还差 {missing} 次）；参数未改变。",
        "Not enough history: {have} usable reviews, {need} needed ({missing} more); parameters unchanged.",
    ),
    "insight.optimize.split": (
        "训练 {train} 次复习，留出较晚的 {test} 次复习做评估（按时间切分）",
        "Trained on {train} reviews, evaluated on the {test} later ones (a time-series split)",
    ),
    "insight.optimize.row": (
        "{name:<8} log loss {loss:.4f} · RMSE(bins) {rmse:.4f}",
        "{name:<8} log loss {loss:.4f} · RMSE(bins) {rmse:.4f}",
    ),
    "insight.optimize.default": ("当前参数", "current"),
    "insight.optimize.fitted": ("拟合参数", "fitted"),
    "insight.optimize.saved": (
        "拟合参数更好：已保存到 {path}，调度从现在起使用它们。",
        "The fitted parameters are better: saved in {path}; the scheduler uses them from now on.",
    ),
    "insight.optimize.not_better": (
        "拟合参数没有更好：未保存，参数未改变。",
        "The fitted parameters are not better: not saved, parameters unchanged.",
    ),
    "insight.optimize.reset": ("已恢复 FSRS-6 默认参数（{path}）。", "Back to the FSRS-6 default parameters ({path})."),
    # CLI: simulate
    "insight.simulate.header": (
        "模拟一年（{deck} 张卡片，每天新卡 {new}、复习上限 {reviews}）：",
        "One simulated year ({deck} cards, {new} new and at most {reviews} reviews a day):",
    ),
    "insight.simulate.columns": (
        "目标保持率  每天复习  每天分钟  一年后记住",
        "retention  reviews/day  minutes/day  remembered",
    ),
    "insight.simulate.row": (
        "{mark}{retention:>8.2f}  {reviews:>8.1f}  {minutes:>8.1f}  {kept:>8.0f}",
        "{mark}{retention:>8.2f}  {reviews:>11.1f}  {minutes:>11.1f}  {kept:>10.0f}",
    ),
    "insight.simulate.hint": (
        "在 settings.toml 中设置 desired_retention，再运行 `qkvstudy simulate --reschedule` 按新设置重排所有卡片。",
        "Set desired_retention in settings.toml, then `qkvstudy simulate --reschedule` reschedules every card.",
    ),
    "insight.simulate.rescheduled": (
        "已按历史重排：{n} 张卡片的到期日改变。",
        "Rescheduled from history: {n} cards got a new due date.",
    ),
    # leeches
    "insight.leech.toast": (
        "这张卡片已遗忘 {lapses} 次，标记为 leech{suspended}",
        "This card lapsed {lapses} times: marked as a leech{suspended}",
    ),
    "insight.leech.suspended": ("，并已暂停", " and suspended"),
    # stats screen
    "insight.screen.title": ("统计", "Statistics"),
    "insight.screen.heatmap": ("过去一年每天复习", "Reviews per day, past year"),
    "insight.screen.forecast": ("未来 30 天到期", "Due, next 30 days"),
    "insight.screen.retrievability": ("记忆概率分布", "Retrievability"),
    "insight.screen.stability": ("稳定性（天）", "Stability (days)"),
    "insight.screen.difficulty": ("FSRS 难度", "FSRS difficulty"),
    "insight.screen.optimizing": ("正在拟合参数…", "Fitting parameters…"),
    "insight.screen.simulating": ("正在模拟…", "Simulating…"),
    "insight.screen.optimize_key": ("拟合参数", "fit parameters"),
    "insight.screen.simulate_key": ("选择保持率", "choose a retention"),
    "insight.screen.close_key": ("返回", "back"),
    "insight.screen.loading": ("正在统计…", "Counting…"),
    "insight.screen.cards_axis": ("卡片", "cards"),
    "insight.info.key": ("卡片信息", "card info"),
    "insight.screen.open": ("统计", "Statistics"),
    "insight.screen.open_help": ("复习、保持率、预测、主题和练习", "Reviews, retention, forecast, topics and drills"),
    # card info
    "insight.info.title": ("卡片信息", "Card info"),
    "insight.info.summary": (
        "稳定性 {s} · 难度 {d} · 现在记忆概率 {now} · 到期日（{due}）记忆概率 {at_due}",
        "stability {s} · difficulty {d} · recall now {now} · at its due date ({due}) {at_due}",
    ),
    "insight.info.curve": ("遗忘曲线（目标保持率 {dr:.0%}）", "Forgetting curve (desired retention {dr:.0%})"),
    "insight.info.days": ("距上次复习天数", "days since the last review"),
    "insight.info.recall": ("记忆概率", "recall"),
    "insight.info.now": ("现在", "now"),
    "insight.info.due": ("到期", "due"),
    "insight.info.col.date": ("日期", "date"),
    "insight.info.col.grade": ("评分", "grade"),
    "insight.info.col.interval": ("间隔", "interval"),
    "insight.info.col.stability": ("稳定性", "stability"),
    "insight.info.col.difficulty": ("难度", "difficulty"),
    "insight.info.col.time": ("用时", "time"),
    "insight.info.never": ("尚未复习", "never reviewed"),
}
