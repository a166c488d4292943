"""The drills' command-line options and the older drill types' prompts, mistakes and worked steps."""

MESSAGES = {
    "drills.cli.opt.json": (
        "以 JSON 打印这道练习（不含答案），不打开 app",
        "print the drill as JSON, without its answer (no app)",
    ),
    "drills.cli.opt.answer": (
        '批改这个答案（如 "0.1 0.9; 0.5 0.5"），以 JSON 打印结果',
        'mark this answer ("0.1 0.9; 0.5 0.5") and print the verdict as JSON',
    ),
    "drills.cli.needs_type": (
        "--json 和 --answer 需要 --type（qkvstudy drill --list 列出全部）",
        "--json and --answer need --type (see qkvstudy drill --list)",
    ),
    # answer parsing and the checker's diagnoses
    "drills.answer.nan": ("NaN 不是有效答案", "NaN is not an answer"),
    "drills.answer.unreadable": ("无法识别 '{token}'", "cannot read '{token}'"),
    "drills.answer.too_large": ("数字太大 '{token}'", "number too large '{token}'"),
    "drills.answer.zero_division": ("分母为 0 '{token}'", "division by zero '{token}'"),
    "drills.answer.cannot_compute": ("无法计算 '{token}'", "cannot compute '{token}'"),
    "drills.answer.empty_cell": ("空白", "empty cell"),
    "drills.answer.yes_no": ("应为 是/否 '{token}'", "expected yes/no, got '{token}'"),
    "drills.answer.whole": ("应为整数 '{token}'", "expected a whole number, got '{token}'"),
    "drills.answer.negative_index": ("序号从 0 开始，不能为负 '{token}'", "an index is 0 or more, got '{token}'"),
    "drills.answer.too_long": ("答案太长（{count} 个字符）", "answer too long: {count} characters"),
    "drills.answer.empty": ("答案为空", "empty answer"),
    "drills.answer.at_cell": ("{problem}（第 {row} 行第 {col} 列）", "{problem} at row {row}, col {col}"),
    "drills.answer.rows": ("有 {got} 行，应为 {want} 行", "{got} rows, expected {want}"),
    "drills.answer.cols": ("第 {row} 行有 {got} 个数，应为 {want} 个", "row {row} has {got} entries, expected {want}"),
    "drills.mistake.transposed": ("答案转置了：行应是 query / token", "answer transposed: one row per query"),
    "drills.mistake.percent": ("权重写成了百分数的数值：33 应写 0.33 或 33%", "write 0.33 or 33%, not 33"),
    "drills.mistake.shape": (
        "形状不对：答案是 {got}，应为 {want}",
        "wrong shape: the answer is {got}, expected {want}",
    ),
    "drills.mistake.or": ("；或 ", "; or "),
    "drills.mistake.maybe": ("可能是 {diagnosis}", "maybe {diagnosis}"),
    # the attention and decode drills' prompts
    "drills.prompt.already_scaled": ("（S 已缩放）", " (S is already scaled)"),
    "drills.prompt.scale_given": (
        "（已知 S = Q·Kᵀ，dₖ = {d_k}，{root}）",
        " (S = Q·Kᵀ is given, dₖ = {d_k}, {root})",
    ),
    "drills.prompt.scale_dk": ("，dₖ = {d_k}（{root}）", ", dₖ = {d_k} ({root})"),
    "drills.prompt.scores": (
        "计算注意力分数 S = Q·Kᵀ（先不缩放）。行 = query，列 = key",
        "Compute the attention scores S = Q·Kᵀ (no scaling yet). Rows = queries, columns = keys",
    ),
    "drills.prompt.scaled_scores": (
        "计算缩放后的分数 Q·Kᵀ / √dₖ{scale}",
        "Compute the scaled scores Q·Kᵀ / √dₖ{scale}",
    ),
    "drills.prompt.weights_row": (
        "计算 token t{row} 的注意力权重，即 softmax(Q·Kᵀ/√dₖ) 的第 {row} 行（从 0 数）{scale}",
        "Compute the attention weights of token t{row}, row {row} of softmax(Q·Kᵀ/√dₖ) (counting from 0){scale}",
    ),
    "drills.prompt.weights": (
        "计算注意力权重 A = softmax(Q·Kᵀ/√dₖ)，按行 softmax{scale}",
        "Compute the attention weights A = softmax(Q·Kᵀ/√dₖ), softmax per row{scale}",
    ),
    "drills.prompt.argmax_all": (
        "每个 token 分别最关注哪个 key（注意力权重最大）？每行填一个 key 的编号，从 0 开始（k0 = 0）",
        "Which key does each token attend to most (largest attention weight)? One key index per row, from 0 (k0 = 0)",
    ),
    "drills.prompt.argmax_row": (
        "token t{row} 最关注哪个 key（注意力权重最大）？填 key 的编号，从 0 开始（k0 = 0）",
        "Which key does token t{row} attend to most (largest attention weight)? The key's index, from 0 (k0 = 0)",
    ),
    "drills.prompt.list_sep": ("、", ", "),
    "drills.prompt.temperature_rows": (
        "带温度的 softmax：A = softmax(S / T)。S 是 logits，分别计算 {temps} 时的权重，每个 T 一行（T 越大越平）",
        "Softmax with temperature: A = softmax(S / T). S are logits; compute the weights at {temps}, one row per T (a larger T is flatter)",
    ),
    "drills.prompt.temperature": (
        "带温度的 softmax：A = softmax(S / T)，{temps}。S 是 logits，按行 softmax",
        "Softmax with temperature: A = softmax(S / T), {temps}. S are logits, softmax per row",
    ),
    "drills.prompt.output": (
        "计算注意力输出 O = softmax(Q·Kᵀ/√dₖ)·V{scale}",
        "Compute the attention output O = softmax(Q·Kᵀ/√dₖ)·V{scale}",
    ),
    "drills.prompt.output_given": (
        "已知注意力权重 A 和值 V，计算输出 O = A·V（{hint}）",
        "Given the attention weights A and the values V, compute the output O = A·V ({hint})",
    ),
    "drills.prompt.causal_fill": (
        "给已缩放的分数 S 加因果掩码 causal mask：token i 只能看 j ≤ i，不能看的位置填 -inf（或 -∞）",
        "Apply a causal mask to the scaled scores S: token i sees only j ≤ i; write -inf (or -∞) where it cannot look",
    ),
    "drills.prompt.causal_weights": (
        "计算带因果掩码的注意力权重：token i 只能关注 j ≤ i（左上对齐），A = softmax(mask(Q·Kᵀ/√dₖ)){scale}",
        "Compute the causally masked attention weights: token i attends only to j ≤ i (top-left aligned), A = softmax(mask(Q·Kᵀ/√dₖ)){scale}",
    ),
    "drills.prompt.padding": (
        "K 的末尾是填充 padding。mask 里 1 = 可以关注、0 = padding（PyTorch SDPA 约定：True = 可以关注）。计算注意力权重 A = softmax(masked(Q·Kᵀ/√dₖ)){scale}",
        "The end of K is padding. In the mask 1 = may attend, 0 = padding (the PyTorch SDPA convention: True = may attend). Compute the attention weights A = softmax(masked(Q·Kᵀ/√dₖ)){scale}",
    ),
    "drills.prompt.decode_weights": (
        "它对全部 {n} 个 token 的注意力权重（1×{n}）",
        "its attention weights over all {n} tokens (1×{n})",
    ),
    "drills.prompt.decode_output": ("它的输出 o_t（1×{d_v}）", "its output o_t (1×{d_v})"),
    "drills.prompt.decode": (
        "自回归解码 decode：KV 缓存里已有前 {n} 个 token 的 K_cache、V_cache；新 token 的 q_t、k_t、v_t 如下，dₖ = {d_k}。先把 k_t、v_t 追加进缓存，再计算{what}",
        "Autoregressive decoding: the KV cache holds K_cache and V_cache of the first {n} tokens; the new token's q_t, k_t, v_t are below, dₖ = {d_k}. Append k_t and v_t to the cache, then compute {what}",
    ),
    # how a prompt joins its hints
    "drills.hint.sep": ("；", "; "),
    "drills.hint.with": ("{prompt}（{hint}）", "{prompt} ({hint})"),
    # the attention family's mistakes and worked solutions
    "drills.explain.sharper": ("（T < 1 使分布更尖）", " (T < 1 makes it sharper)"),
    "drills.explain.flatter": ("（T > 1 使分布更平）", " (T > 1 makes it flatter)"),
    "drills.explain.scale": ("缩放", "Scale"),
    "drills.explain.sep": ("，", ", "),
    "drills.mistake.one_based": ("编号从 1 数了：第一个 key 是 k0 = 0", "counted from 1; indices are 0-based"),
    "drills.mistake.argmin": ("选成了分数最小的 key", "picked the smallest score, not the largest"),
    "drills.mistake.argmax_axis": (
        "按列找了最大：应在 token 自己那一行里比较各个 key",
        "took the max down a column, over queries, instead of along the row",
    ),
    "drills.mistake.weights_transposed": (
        "用了 Aᵀ·V：输出第 i 行应按 A 的第 i 行加权 V 的各行",
        "used Aᵀ·V; row i of O mixes V's rows with row i of A",
    ),
    "drills.explain.answer": ("答案", "Answer"),
    "drills.explain.append": ("追加缓存", "Append to the KV cache"),
    "drills.explain.append_text": (
        "K = [K_cache; k_t]、V = [V_cache; v_t]：共 {n} 个 token。新 token 可以看自己和所有旧 token，不需要掩码",
        "K = [K_cache; k_t], V = [V_cache; v_t]: {n} tokens. The new token sees itself and every earlier token, no mask needed",
    ),
    "drills.explain.scores": ("分数 = {product}", "Scores = {product}"),
    "drills.explain.dot": ("每个 query 行与每个 key 行做点积：", "each query row dotted with each key row: "),
    "drills.explain.given_scores": ("已知分数", "Given scores"),
    "drills.explain.given": ("S 直接给出", "S is given"),
    "drills.explain.causal": ("token i 只能看 j ≤ i（causal）", "token i sees only j ≤ i (causal)"),
    "drills.explain.padding": ("mask 为 0 的 key 不能看（padding）", "keys where the mask is 0 are not seen (padding)"),
    "drills.explain.mask": ("掩码", "Mask"),
    "drills.explain.mask_text": (
        "{rule}：这些位置填 −∞，softmax 后权重为 0",
        "{rule}: those cells get −∞, so their weight after softmax is 0",
    ),
    "drills.explain.compare": ("比较", "Compare"),
    "drills.explain.monotonic": (
        "softmax 单调：权重最大的 key 就是分数最大的 key，不必算 softmax",
        "softmax is monotonic: the key with the largest weight is the key with the largest score, no softmax needed",
    ),
    "drills.explain.softmax": ("Softmax（按行）", "Softmax (row-wise)"),
    "drills.explain.output": ("输出 = A·V", "Output = A·V"),
    "drills.explain.argmax_answer": (
        "每行取分数最大的 key 的编号（从 0 数）",
        "the index of the largest score in each row, from 0",
    ),
    "drills.explain.take_row": ("取第 {row} 行", "row {row}"),
    "drills.explain.as_above": ("如上", "as above"),
    "drills.explain.weights": ("权重 A", "Weights A"),
    "drills.explain.rows_sum": ("每行和为 1", "each row sums to 1"),
    "drills.explain.weighted_sum": (
        "O 的第 i 行 = A 第 i 行对 V 各行的加权和：",
        "row i of O = the weighted sum of V's rows by row i of A: ",
    ),
    "drills.explain.at_temperature": ("（T = {temp}）", " (T = {temp})"),
    # the projection and symmetry drills
    "drills.prompt.projection": (
        "行约定：{ask} = X·W_{ask}。计算 {ask}（答案 {rows}×{cols}，整数）",
        "Row convention: {ask} = X·W_{ask}. Compute {ask} (answer {rows}×{cols}, whole numbers)",
    ),
    "drills.mistake.wrong_projection": (
        "用错了投影矩阵：{ask} 要用 W_{ask}，不是 W_{n}",
        "used W_{n}; {ask} = X·W_{ask}",
    ),
    "drills.mistake.weight_transposed": (
        "用了 X·W_{ask}ᵀ：这里是行约定 {ask} = X·W_{ask}，不转置 W",
        "used X·W_{ask}ᵀ, the column convention; here {ask} = X·W_{ask}",
    ),
    "drills.mistake.wrong_order": (
        "乘反了顺序 W_{ask}·X：行约定是 X·W",
        "multiplied in the wrong order (W_{ask}·X); the row convention is X·W",
    ),
    "drills.mistake.rows_tokens": (
        "答案转置了：行应是 token，列是特征",
        "answer transposed: rows are tokens, columns features",
    ),
    "drills.explain.projection_row": (
        "第 i 行 = token i 的 x_i 乘 W_{ask}（x_0 · W_{ask} 第 0 列）：",
        "row i = token i's x_i times W_{ask} (x_0 · column 0 of W_{ask}): ",
    ),
    "drills.prompt.symmetry": (
        "S = Q·Kᵀ 是对称矩阵吗（s_ij = s_ji）？",
        "Is S = Q·Kᵀ a symmetric matrix (s_ij = s_ji)?",
    ),
    "drills.prompt.symmetry_x": (
        "Q = X·W_Q，K = X·W_K。S = Q·Kᵀ 是对称矩阵吗？",
        "Q = X·W_Q, K = X·W_K. Is S = Q·Kᵀ a symmetric matrix?",
    ),
    "drills.prompt.symmetry_both": (
        "Q = X·W_Q，K = X·W_K。依次回答两问：① S = Q·Kᵀ 对称吗？② 注意力权重 A = softmax(S/√dₖ) 对称吗？",
        "Q = X·W_Q, K = X·W_K. Answer two questions in order: ① is S = Q·Kᵀ symmetric? ② are the attention weights A = softmax(S/√dₖ) symmetric?",
    ),
    "drills.prompt.yes_no_each": ("{text}（是/否，每问一个）", "{text} (yes/no, one per question)"),
    "drills.prompt.yes_no_one": ("{text}（是/否，填一个）", "{text} (yes/no, one answer)"),
    "drills.label.symmetric": ("对称?", "symmetric?"),
    "drills.mistake.symmetry_shared": (
        "Q 与 K 相同（或 W_Q = W_K）时 s_ij = q_i·q_j = s_ji，一定对称",
        "with shared projections (Q = K) s_ij = q_i·q_j = s_ji: the scores are symmetric",
    ),
    "drills.mistake.symmetry_differ": (
        "Q ≠ K 时 Q·Kᵀ 一般不对称：{pair}",
        "scores are not symmetric when Q ≠ K: {pair}",
    ),
    "drills.mistake.symmetry_rows_match": (
        "这里每行 exp 之和恰好相等，所以权重也对称",
        "the row sums happen to match, so the weights are symmetric too",
    ),
    "drills.mistake.symmetry_softmax": (
        "softmax 按行归一化，每行分母不同，权重一般不对称——即使 S 对称",
        "softmax normalises each row by its own sum, so weights are not symmetric even when scores are",
    ),
    "drills.explain.shared": ("；W_Q = W_K 所以 Q = K", "; W_Q = W_K so Q = K"),
    "drills.explain.projections": ("投影", "Projections"),
    "drills.explain.qk": ("Q = X·W_Q，K = X·W_K{shared}", "Q = X·W_Q, K = X·W_K{shared}"),
    "drills.explain.symmetric_s": ("对称：S = Sᵀ", "symmetric: S = Sᵀ"),
    "drills.explain.not_symmetric": ("不对称：{pair}", "not symmetric: {pair}"),
    "drills.explain.weights_softmax": ("权重 = softmax(S/√dₖ)", "Weights = softmax(S/√dₖ)"),
    "drills.explain.symmetric": ("对称", "symmetric"),
    "drills.explain.rows_separately": ("不对称：每行除以自己的和", "not symmetric: each row is divided by its own sum"),
    "drills.explain.yes_no": ("1 = 是，0 = 否", "1 = yes, 0 = no"),
    # the multi-head and GQA drills
    "drills.prompt.d_head": (
        "d_model = {d_model}，num_heads = {h}。每个头的维度 d_head 是多少？",
        "d_model = {d_model}, num_heads = {h}. What is each head's dimension d_head?",
    ),
    "drills.prompt.split_shape": (
        "输入 X 形状 (B, L, d_model) = ({b}, {n}, {d_model})，num_heads = {h}。Q = X·W_Q 拆成多头 split heads 并 transpose 后（PyTorch 布局 (batch, heads, seq, d_head)）的形状？填 4 个整数",
        "Input X has shape (B, L, d_model) = ({b}, {n}, {d_model}), num_heads = {h}. What is the shape of Q = X·W_Q after splitting into heads and transposing (PyTorch layout (batch, heads, seq, d_head))? Four whole numbers",
    ),
    "drills.prompt.gqa_shapes": (
        "GQA：X 形状 ({b}, {n}, {d_model})，num_heads = {h}，num_kv_heads = {kv}。按 PyTorch 布局 (batch, heads, seq, d_head) 写出：① 拆头后的 Q ② 拆头后的 K（repeat 之前）③ 注意力权重 A。每行 4 个整数",
        "GQA: X has shape ({b}, {n}, {d_model}), num_heads = {h}, num_kv_heads = {kv}. In the PyTorch layout (batch, heads, seq, d_head) write: ① Q after the split ② K after the split (before repeat) ③ the attention weights A. Four whole numbers per row",
    ),
    "drills.mistake.no_head_split": (
        "d_head 要除以头数：d_head = d_model / num_heads",
        "forgot to divide d_model among the heads: d_head = d_model / num_heads",
    ),
    "drills.mistake.head_times": ("是除以头数，不是乘", "divide by num_heads, do not multiply"),
    "drills.mistake.heads_before_seq": (
        "忘了 transpose(1, 2)：view 之后是 (B, L, h, d_head)，转置后头维在序列维前",
        "forgot transpose(1, 2): after view it is (B, L, h, d_head); transposed, heads come before seq",
    ),
    "drills.mistake.gqa_kv_heads": (
        "GQA 里 K/V 只有 num_kv_heads 个头，repeat 之后才是 num_heads",
        "in GQA K/V have num_kv_heads heads; only after repeat are there num_heads",
    ),
    "drills.mistake.weights_d_head": (
        "注意力权重是 query×key，最后两维是 (L, L)，与 d_head 无关",
        "the weights are queries by keys: the last two dimensions are (L, L), not d_head",
    ),
    "drills.explain.d_head": ("每头维度 d_head", "Per-head dimension d_head"),
    "drills.explain.project": ("投影", "Project"),
    "drills.explain.view": ("拆头 view", "Split heads (view)"),
    "drills.explain.transpose": ("转置 transpose(1, 2)", "transpose(1, 2)"),
    "drills.explain.transposed": ("→ {shape}：每个头各自做注意力", "→ {shape}: each head attends separately"),
    "drills.explain.kv_heads": ("K/V 头数（GQA）", "K/V heads (GQA)"),
    "drills.explain.kv_heads_text": (
        "W_K 输出 num_kv_heads·d_head = {kv}·{d} = {cols} 列 → K 为 {shape}；每个 KV 头服务 {g} 个 query 头，repeat_interleave 后才是 {h} 个",
        "W_K outputs num_kv_heads·d_head = {kv}·{d} = {cols} columns → K is {shape}; each KV head serves {g} query heads, {h} only after repeat_interleave",
    ),
    "drills.explain.weights_title": ("权重", "Weights"),
    "drills.explain.weights_shape": (
        "A = softmax(Q·Kᵀ/√d_head)：{shape}，最后两维是 query×key",
        "A = softmax(Q·Kᵀ/√d_head): {shape}, the last two dimensions are queries by keys",
    ),
    "drills.prompt.gqa_one": (
        "GQA：num_heads = {h}，num_kv_heads = {kv}。query 头 h{head} 用哪个 KV 头？（编号从 0 开始）",
        "GQA: num_heads = {h}, num_kv_heads = {kv}. Which KV head does query head h{head} use? (indices from 0)",
    ),
    "drills.prompt.gqa_some": (
        "GQA：num_heads = {h}，num_kv_heads = {kv}。query 头 {asked} 各用哪个 KV 头？（编号从 0 开始）",
        "GQA: num_heads = {h}, num_kv_heads = {kv}. Which KV head does each of the query heads {asked} use? (indices from 0)",
    ),
    "drills.prompt.gqa_all": (
        "GQA：num_heads = {h}，num_kv_heads = {kv}。依次写出每个 query 头 h0…h{last} 用的 KV 头编号（从 0 开始）",
        "GQA: num_heads = {h}, num_kv_heads = {kv}. Write the KV head of each query head h0…h{last} in order (indices from 0)",
    ),
    "drills.prompt.with_size": ("{text}（答案 1×{n}）", "{text} (answer 1×{n})"),
    "drills.label.kv_head": ("KV 头", "KV head"),
    "drills.mistake.gqa_modulo": (
        "用了 h mod {kv}（交错）：相邻的 {g} 个 query 头共享一个 KV 头，是 h // {g}",
        "used h mod {kv} (interleaved): {g} consecutive query heads share a KV head, as repeat_interleave, so h // {g}",
    ),
    "drills.mistake.gqa_wrong_divisor": (
        "除错了数：组大小是 num_heads / num_kv_heads = {g}，应为 h // {g}",
        "divide by the group size num_heads / num_kv_heads = {g} (h // {g}), not by num_kv_heads",
    ),
    "drills.mistake.one_based_head": ("编号从 1 数了：第一个 KV 头是 0", "counted from 1; heads are 0-based"),
    "drills.explain.group_size": ("组大小", "Group size"),
    "drills.explain.mapping": ("映射", "Mapping"),
    "drills.explain.mapping_text": (
        "kv(h) = h // g（PyTorch repeat_interleave / SDPA enable_gqa）：{groups}",
        "kv(h) = h // g (PyTorch repeat_interleave / SDPA enable_gqa): {groups}",
    ),
    # a note's ```qkvdrill spec: why it is ignored
    "drills.spec.matrix_rows": (
        "矩阵 {name} 必须是行的列表，例如 [[1, 0], [0, 1]]",
        "matrix {name} must be a list of rows, e.g. [[1, 0], [0, 1]]",
    ),
    "drills.spec.matrix_mixed": ("矩阵 {name} 混用了数字和行", "matrix {name} mixes numbers and rows"),
    "drills.spec.matrix_empty_row": ("矩阵 {name} 有空行", "matrix {name} has an empty row"),
    "drills.spec.matrix_ragged": (
        "矩阵 {name} 各行长度不同（{lengths}）",
        "matrix {name} has rows of different lengths ({lengths})",
    ),
    "drills.spec.matrix_big": (
        "矩阵 {name} 是 {rows}×{cols}，最多 {max}×{max}",
        "matrix {name} is {rows}×{cols}, at most {max}×{max}",
    ),
    "drills.spec.mask_values": (
        "mask 只能是 1/0 或 true/false（1 = 可以关注），不能是 {value}",
        "mask holds only 1/0 or true/false (1 = may attend), got {value}",
    ),
    "drills.spec.non_number": ("{name} 里有非数字 {value}", "{name} contains a non-number {value}"),
    "drills.spec.non_finite": ("{name} 里有非有限的数", "{name} contains a non-finite number"),
    "drills.spec.mask_blocked": (
        "mask 第 {row} 行挡住了所有 key：每个 query 都需要可关注的 key",
        "mask row {row} blocks every key: each query needs a key to attend",
    ),
    "drills.spec.yaml_text": ("练习规格是 YAML 文本", "a drill spec is YAML text"),
    "drills.spec.bad_yaml": ("不是合法的 YAML：{what}", "not valid YAML: {what}"),
    "drills.spec.not_mapping": (
        "练习规格是至少含 'type' 的映射（已知类型：{known}）",
        "a drill spec is a mapping with at least 'type' (known: {known})",
    ),
    "drills.spec.unknown_key": ("未知的键 '{key}'（已知：{known}）", "unknown key '{key}' (known: {known})"),
    "drills.spec.missing_type": ("缺少 'type'（已知类型：{known}）", "missing 'type' (known: {known})"),
    "drills.spec.unknown_type": (
        "未知的练习类型 '{type}'（已知：{known}）",
        "unknown drill type '{type}' (known: {known})",
    ),
    "drills.spec.seed": (
        "seed 必须是 ≥ 0 的整数，不能是 {value}",
        "seed must be a whole number 0 or more, got {value}",
    ),
    "drills.spec.prompt_text": ("prompt 必须是文本", "prompt must be text"),
    "drills.spec.does_not_take": (
        "类型 '{type}' 不接受 '{key}'（可用：{takes}）",
        "type '{type}' does not take '{key}' (takes: {takes})",
    ),
    "drills.spec.nothing": ("无", "nothing"),
    "drills.spec.level": ("level 必须是 1、2 或 3，不能是 {value}", "level must be 1, 2 or 3, got {value}"),
    "drills.spec.seed_range": (
        "seed 必须是 0 到 {max} 的整数，不能是 {value}",
        "seed must be a whole number from 0 to {max}, got {value}",
    ),
    # a spec's values that cannot make the drill
    "drills.spec.whole_range": (
        "{name} 必须是 {low} 到 {high} 的整数，不能是 {value}",
        "{name} must be a whole number from {low} to {high}, got {value}",
    ),
    "drills.spec.temperature": (
        "temperature 必须是正数或正数的列表，不能是 {value}",
        "temperature must be a positive number or a list of them, got {value}",
    ),
    "drills.spec.weights_rows": (
        "矩阵 weights：每行必须非负且和为 1",
        "matrix weights: rows must be non-negative and sum to 1",
    ),
    "drills.spec.ask": (
        "{type} 的 ask 必须是 {choices} 之一，不能是 {value}",
        "ask must be one of {choices} for {type}, got {value}",
    ),
    "drills.spec.mask_shape": (
        "mask 是 {rows}×{cols}，应为 1×{S} 或 {L}×{S}",
        "mask is {rows}×{cols}, expected 1×{S} or {L}×{S}",
    ),
    "drills.spec.not_divisible": (
        "d_model {d_model} 不能被 num_heads {h} 整除",
        "d_model {d_model} is not divisible by num_heads {h}",
    ),
    "drills.spec.not_multiple": (
        "num_heads {h} 不是 num_kv_heads {kv} 的倍数",
        "num_heads {h} is not a multiple of num_kv_heads {kv}",
    ),
}
