"""Go to date (Ctrl+G): a line to type a date in (parsed by `core.date_input`), the error under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from aleppo_desktop.core.date_input import parse_day
from aleppo_desktop.core.timeline import format_date


class GoToDateDialog(QDialog):
    """Asks for a date within [start, end]; `day` is the answer once accepted."""

    def __init__(self, parent: QWidget | None, start: float, end: float, now: float):
        super().__init__(parent)
        self.setObjectName("go_to_date")
        self.setWindowTitle(self.tr("Go to date"))
        self.start, self.end = start, end
        self.day: float | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Date ({start} – {end}), e.g. {examples}:").format(
                    start=format_date(start),
                    end=format_date(end),
                    examples=self.tr('"13 Dec", "2016-12-13" or "13/12"'),
                ),
                self,
            )
        )
        self.line = QLineEdit(format_date(now), self)
        self.line.selectAll()
        layout.addWidget(self.line)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b03020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.line.textEdited.connect(lambda _text: self.error.setText(""))
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def accept(self) -> None:
        """Accept only a date the core can read inside the period; otherwise say why."""
        try:
            self.day = parse_day(self.line.text(), self.start, self.end)
        except ValueError as exc:
            self.error.setText(str(exc))
            self.line.setFocus()
            return
        super().accept()
