"""The Mazur preset's verification: every value of the worked example's first step compared with
the figure published in the post, and the post's two known drifts explained rather than hidden.

The values come from the engine: from the live trainer when it stands just after its first
update (the pass then still holds step 1's forward and backward numbers), else from a replica
trainer built from the same project, which runs the very same code.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from .math_format import num


def _tr(text: str) -> str:
    return QCoreApplication.translate("MazurBadge", text)


#: (label, published text, how to read the value from (pass, weights after step 1))
_FIRST_STEP = [
    ("net<sub>h1</sub>", "0.3775", lambda p, W: p.z[1][0, 0]),
    ("out<sub>h1</sub>", "0.593269992", lambda p, W: p.a[1][0, 0]),
    ("out<sub>h2</sub>", "0.596884378", lambda p, W: p.a[1][0, 1]),
    ("net<sub>o1</sub>", "1.105905967", lambda p, W: p.z[2][0, 0]),
    ("out<sub>o1</sub>", "0.75136507", lambda p, W: p.a[2][0, 0]),
    ("out<sub>o2</sub>", "0.772928465", lambda p, W: p.a[2][0, 1]),
    ("E<sub>total</sub>", "0.298371109", lambda p, W: p.loss),
    ("∂E<sub>total</sub>/∂w<sub>5</sub>", "0.082167041", lambda p, W: p.grad_W[2][0, 0]),
    ("∂E<sub>total</sub>/∂w<sub>1</sub>", "0.000438568", lambda p, W: p.grad_W[1][0, 0]),
]


def _weight_after(layer: int, n: int):
    """A reader of w_(n+1) of ``layer`` (0 hidden, 1 output) after the first step."""
    return lambda p, W: W[layer][n // 2, n % 2]


_FIRST_STEP += [(f"w<sub>{n + 5}</sub><sup>+</sup>", text, _weight_after(1, n))
                for n, text in enumerate(("0.35891648", "0.408666186", "0.51130127", "0.561370121"))]
_FIRST_STEP += [(f"w<sub>{n + 1}</sub><sup>+</sup>", text, _weight_after(0, n))
                for n, text in enumerate(("0.149780716", "0.199561432", "0.249751144", "0.299502287"))]

E_AFTER_1_PUBLISHED = "0.291027924"
E_AFTER_10000_PUBLISHED = "0.0000351085"


@dataclass
class Row:
    label: str
    value: float | None
    published: str
    status: str  # "match", "drift", "pending"
    note: str = ""


def _matches(value: float, published: str) -> bool:
    decimals = len(published.split(".")[1]) if "." in published else 0
    return abs(value - float(published)) <= 0.5 * 10.0 ** -decimals * (1 + 1e-9)


def _first_step(session):
    """(pass of step 1, [W_hidden, W_out] after step 1, E after step 1) from the engine."""
    t = session.trainer
    if t.step == 1 and session.current_phase is not None and session.current_phase.kind == "update":
        net, p = t.network, t.pass_
    else:
        replica = session.document.project.build_trainer(session.dataset, evaluate=False)
        replica.train_step()
        net, p = replica.network, replica.pass_
    weights = [layer.W.copy() for layer in net.dense]
    e1 = t.loss.value(net.predict(t.x), t.y)
    return p, weights, e1


def verification_rows(session) -> list[Row]:
    """The comparison table; empty before the first step."""
    t = session.trainer
    if t is None or t.horizon < 1 or t.step < 1:
        return []
    p, weights, e1 = _first_step(session)
    rows = []
    for label, published, read in _FIRST_STEP:
        value = float(read(p, weights))
        rows.append(Row(label, value, published, "match" if _matches(value, published) else "mismatch"))
    rows.append(Row(_tr("E<sub>total</sub> after 1 step"), e1, E_AFTER_1_PUBLISHED, "drift", _tr(
        "Known drift in the post: it rounds intermediate values before the second forward pass. "
        "The exact float64 value is 0.29102777369 (difference 1.5 × 10⁻⁷).")))
    losses = t.step_losses
    if len(losses) > 10000:
        rows.append(Row(_tr("E<sub>total</sub> after 10,000 steps"), losses[10000], E_AFTER_10000_PUBLISHED,
                        "drift", _tr("Known drift in the post: its figure is the error after 9,999 steps, "
                                     "which here is %1 (matches); after 10,000 steps it is 3.5101878 × 10⁻⁵.")
                        .replace("%1", num(losses[9999], 10))))
    else:
        rows.append(Row(_tr("E<sub>total</sub> after 10,000 steps"), None, E_AFTER_10000_PUBLISHED, "pending", _tr(
            "Play on to step 10,001 to compare. (The post's figure is the error after 9,999 steps; "
            "after 10,000 steps the exact value is 3.5101878 × 10⁻⁵.)")))
    return rows


def badge_text(rows: list[Row]) -> tuple[str, str]:
    """(one-line badge HTML, colour) summarising ``rows``."""
    if not rows:
        return _tr("Mazur's worked example: the check against the post appears after the first step."), "#607d8b"
    matched = sum(r.status == "match" for r in rows)
    exact = sum(r.status in ("match", "mismatch") for r in rows)
    drifts = sum(r.status in ("drift", "pending") for r in rows)
    if matched == exact:
        text = _tr("✔ Matches Mazur's post: %1 of %2 values agree to every printed digit; %3 known drifts "
                   "of the post explained").replace("%1", str(matched)).replace("%2", str(exact)).replace(
            "%3", str(drifts))
        return text, "#2e7d32"
    return _tr("✘ %1 of %2 values differ from Mazur's post").replace("%1", str(exact - matched)).replace(
        "%2", str(exact)), "#c62828"


def details_html(rows: list[Row], digits: int = 9) -> str:
    """The full comparison as an HTML table."""
    marks = {"match": "✔", "mismatch": "✘", "drift": "≈", "pending": "…"}
    colours = {"match": "#2e7d32", "mismatch": "#c62828", "drift": "#ef6c00", "pending": "#607d8b"}
    head = (f"<tr><th align='left'>{_tr('Quantity')}</th><th align='right'>{_tr('ANN Studio')}</th>"
            f"<th align='right'>{_tr('Published')}</th><th></th></tr>")
    body = []
    for r in rows:
        value = "–" if r.value is None else num(r.value, max(digits, 10))
        mark = f"<span style='color:{colours[r.status]}'>{marks[r.status]}</span>"
        body.append(f"<tr><td>{r.label}</td><td align='right'>{value}</td>"
                    f"<td align='right'>{r.published}</td><td>{mark}</td></tr>")
        if r.note:
            body.append(f"<tr><td colspan='4' style='color:#555'><i>{r.note}</i></td></tr>")
    return "<table cellspacing='4'>" + head + "".join(body) + "</table>"
