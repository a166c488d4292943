"""The drills' words: prompts' common tails, the worked solution, the CLI's drill verdicts, the screen."""

MESSAGES = {
    # prompt tails: what shape, how precise, which convention
    "drills.hint.shape": ("答案 {rows}×{cols}", "answer {rows}×{cols}"),
    "drills.hint.float": (
        "保留 {decimals} 位小数（误差 ±{tolerance}）；中间结果多留几位，最后一步再四舍五入",
        "{decimals} decimals (±{tolerance}); keep more digits in between and round once, at the end",
    ),
    "drills.hint.int": (
        "整数，须精确（可写成 4*1024^2 这样的乘积）",
        "whole number, exact (products like 4*1024^2 are fine)",
    ),
    "drills.hint.index": ("编号从 0 开始", "indices count from 0"),
    "drills.hint.bool": ("是/否", "yes/no"),
    "drills.hint.rows_queries": ("行 = query，列 = key", "rows = queries, columns = keys"),
    "drills.hint.mask": (
        "mask：1/True = 可以关注，0 = 不能关注（填 −∞）",
        "mask: 1/True = may attend, 0 = blocked (−∞)",
    ),
    "drills.hint.exp_table": ("e^x 表：{table}", "table of e^x: {table}"),
    # worked solution
    "drills.solution.row_softmax": (
        "第 {row} 行：最大值 m = {top}；x − m = {shifted}；e^(x−m) = {exps}；和 = {total}；"
        "权重 = e^(x−m) / 和 = {weights}",
        "row {row}: max m = {top}; x − m = {shifted}; e^(x−m) = {exps}; sum = {total}; "
        "weights = e^(x−m) / sum = {weights}",
    ),
    "drills.solution.row_single": (
        "第 {row} 行只有一个 key 可看：权重为 1",
        "row {row} may attend one key only: weight 1",
    ),
    "drills.solution.round_once": (
        "中间结果保留 4 位小数，只在最后四舍五入到 {decimals} 位",
        "intermediate values to 4 decimals; rounded to {decimals} only at the end",
    ),
    # the verdict of `qkvstudy drill --answer`
    "drills.cli.unreadable": ("读不懂答案：{why}", "cannot read the answer: {why}"),
    "drills.cli.unknown_type": (
        "未知的练习类型 {type}（qkvstudy drill --list 列出全部）",
        "unknown drill type {type} (qkvstudy drill --list shows them)",
    ),
    "drills.cli.bad_level": ("{type} 的等级只能是 {levels}", "{type} has levels {levels}"),
    # level adaptation
    "drills.level.up": ("连续答对 3 次：升到 L{level}", "three right in a row: up to L{level}"),
    "drills.level.down": ("连续答错 2 次：降到 L{level}", "two wrong in a row: down to L{level}"),
    "drills.level.current": (
        "当前等级 L{level}（连续答对 3 次升级，答错 2 次降级）",
        "level L{level} (3 right in a row: up; 2 wrong: down)",
    ),
}
