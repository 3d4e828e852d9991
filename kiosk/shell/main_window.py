"""The full-screen window: the header, the session's own screens, and the overlays.

It subscribes to the workflow and draws the attract screen and the menu itself;
a service's steps are drawn by `kiosk.shell.router.StepRouter`, by step kind.
It also owns what spans every screen: the language, the device notices, the
inactivity warning, "start over", and room for the on-screen keyboard.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.guidance_qr import service_in_guidance_qr
from kiosk.shell.availability import Availability
from kiosk.shell.forgetting import forget_typing, install_private_typing
from kiosk.shell.i18n import LanguageSwitcher
from kiosk.shell.keyboard import KeyboardAvoider, KeyboardLayouts
from kiosk.shell.look import LookSwitcher
from kiosk.shell.router import DrawContext, StepRouter
from kiosk.steps.interpreter import interruptible, next_kind
from kiosk.sync.connection import ConnectionState
from kiosk.verification.envelope import LICENCE
from kiosk.workflow import events as ev
from kiosk.workflow.leaving import CARD_TAKEN, LeaveReading
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import (
    Attract,
    EditingPerson,
    Filling,
    Finished,
    IdentityCheck,
    PrintingLicence,
    Reviewing,
    ServiceMenu,
    Signing,
    State,
    VerifyingSlip,
)
from screens.attract import AttractScreen
from screens.idle_warning import IdleWarningPanel
from screens.leaving_warning import LeavingWarningPanel
from screens.messages import device_notice
from screens.page_scroll import scrolling_page
from screens.question_panel import QuestionPanel
from screens.reading_aids import ReadingAids
from screens.reading_order import move_focus
from screens.scrim import Scrim
from screens.service_menu import ServiceMenuScreen
from screens.verify_slip import VerifySlipScreen
from screens.widgets import BigButton, label, set_label

_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class KioskWindow(QMainWindow):
    state_changed = Signal(object)

    def __init__(
        self,
        workflow: KioskWorkflow,
        languages: LanguageSwitcher,
        site_name: str,
        default_language: str = "zh",
    ) -> None:
        super().__init__()
        self.workflow = workflow
        self.languages = languages
        self.site_name = site_name
        self.default_language = default_language
        """Every session starts in this language, whatever the last citizen chose."""
        self.keyboard = KeyboardLayouts()
        self.keyboard.follow_language(languages.language)
        self.look = LookSwitcher()
        """Larger text and high contrast, for this citizen (reset when the session ends)."""
        self.look.changed.connect(self.show_state)
        self.card_on_reader = False
        """True while the identity reader reports a document on it."""
        self.can_scan = False
        """True while a scanner can read (the passport screen then mentions it)."""
        self.setWindowTitle("Business registration kiosk")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        self._device_banner = QFrame()
        self._device_banner.setObjectName("warning")
        banner_layout = QVBoxLayout(self._device_banner)
        banner_layout.setContentsMargins(30, 10, 30, 10)
        self._device_notice = label()
        banner_layout.addWidget(self._device_notice)
        self._device_banner.hide()
        self.device_notices: tuple[str, ...] = ()
        outer.addWidget(self._device_banner)
        self.stack = QStackedWidget()
        # Out of service between citizens; "the network is down" where it matters.
        self.availability = Availability(self.stack)
        outer.addWidget(self.availability.notice)
        outer.addWidget(self.stack, 1)
        # Under the on-screen keyboard: the screens shrink to the part above it
        # (the field being typed stays in view) and this takes the rest.
        self._keyboard_space = QWidget()
        self._keyboard_space.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding
        )
        outer.addWidget(self._keyboard_space)
        self.keyboard_avoider = KeyboardAvoider(self, self.stack)
        self.keyboard_avoider.compact.connect(self._set_compact)
        self.setCentralWidget(central)

        self.attract = AttractScreen()
        self.menu = ServiceMenuScreen()
        self.stack.addWidget(self.attract)
        self.stack.addWidget(self.menu)
        self.verify_slip = VerifySlipScreen()
        self._verify_page = scrolling_page(self.verify_slip)
        self.stack.addWidget(self._verify_page)
        self.router = StepRouter(workflow, self.stack)
        # The step screens by name, for the tests and the on-screen keyboard.
        self.identify = self.router.identify
        self.form_page = self.router.form_page
        self.review = self.router.review
        self.submitting = self.router.submitting
        self.finished = self.router.finished
        self.name_check = self.router.name_check
        self.idle_warning = IdleWarningPanel(central)
        self.start_over_question = QuestionPanel(central)
        # The citizen seems gone: their card taken, their printout left (kiosk.workflow.leaving).
        self.leaving_warning = LeavingWarningPanel(central)
        # While one of them asks, the page under it is dimmed and out of reach.
        self.scrim = Scrim(
            central, [self.idle_warning, self.start_over_question, self.leaving_warning]
        )

        self.attract.started.connect(lambda: workflow.dispatch(ev.Started()))
        self.menu.chosen.connect(lambda code: workflow.dispatch(ev.ServiceChosen(code)))
        self.menu.chosen_for_guidance.connect(
            lambda code: workflow.dispatch(ev.ServiceChosen(code, guidance_only=True))
        )
        self.menu.verify_chosen.connect(lambda: workflow.dispatch(ev.VerifySlipChosen()))
        self.verify_slip.back.connect(lambda: workflow.dispatch(ev.BackPressed()))
        self.idle_warning.keep_going.connect(self._on_keep_going)
        self.idle_warning.end_now.connect(lambda: workflow.dispatch(ev.Cancelled()))
        self.start_over_question.confirmed.connect(lambda: workflow.dispatch(ev.Cancelled()))
        self.leaving_warning.not_finished.connect(workflow.not_finished)
        self.leaving_warning.end_now.connect(lambda: workflow.dispatch(ev.Cancelled()))

        workflow.subscribe(self._on_state)
        workflow.on_forget(self._forget_citizen)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(1000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.installEventFilter(self)
            install_private_typing(app)
        self.show_state()

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        row = QHBoxLayout(header)
        row.setContentsMargins(30, 10, 30, 10)
        self._site = label()
        self._language = BigButton("header_button")
        self._language.clicked.connect(self._on_language)
        self._start_over = BigButton("header_button")
        self._start_over.clicked.connect(self._on_start_over)
        self.reading_aids = ReadingAids()
        self.reading_aids.large_text_toggled.connect(self.look.set_large_text)
        self.reading_aids.high_contrast_toggled.connect(self.look.set_high_contrast)
        row.addWidget(self._site, 1)
        row.addWidget(self._start_over)
        row.addWidget(self.reading_aids)
        row.addWidget(self._language)
        self._header_row = row
        return header

    def add_header_widget(self, widget: QWidget) -> None:
        """Put an extra control at the left of the header (e.g. demo-mode tools)."""
        self._header_row.insertWidget(1, widget)

    def add_header_row(self, widget: QWidget) -> None:
        """Put a row of controls under the header, on every screen (e.g. speech)."""
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, widget)

    # -- view-model -------------------------------------------------------------
    def _on_state(self, state: State) -> None:
        if isinstance(state, Attract):
            self.idle_warning.hide()
            self.start_over_question.hide()
            self.leaving_warning.hide()
            self._reset_citizen_settings()
        self.show_state()
        self.state_changed.emit(state)

    def show_state(self) -> None:
        """Draw the current state in the current language."""
        wf = self.workflow
        state = wf.state
        language = self.languages.language
        service = wf.service
        title = service.title.get(language) if service else ""
        set_label(self._site, self.site_name)
        other = "English" if language == "zh" else "中文"
        self._language.set_text(other)
        self._language.setAccessibleName("Switch to English" if language == "zh" else "切换到中文")
        self._start_over.set_text(self.tr("Start over"))
        self.reading_aids.show_state(self.look.large_text, self.look.high_contrast)
        self._start_over.setVisible(not isinstance(state, Attract) and interruptible(state))
        notice = "\n".join(device_notice(code) for code in self.device_notices)
        set_label(self._device_notice, notice)
        self._device_banner.setVisible(bool(notice))
        self.availability.show_notice(state)
        match state:
            case Attract() if self.availability.out_of_service:
                self.availability.show_out_of_service()
            case Attract():
                self.attract.show_state()
                self.stack.setCurrentWidget(self.attract)
            case ServiceMenu():
                self.menu.set_verify_offered(self.can_scan)
                self.menu.show_state(wf.catalogue, language)
                self.stack.setCurrentWidget(self.menu)
            case VerifyingSlip():
                self.verify_slip.show_state(state, can_scan=self.can_scan, language=language)
                self.stack.setCurrentWidget(self._verify_page)
            case _:
                context = DrawContext(
                    language=language,
                    service_title=title,
                    promise_days=service.promise_days if service else None,
                    can_scan=self.can_scan,
                    card_on_reader=self.card_on_reader,
                    next_step=next_kind(state, wf.catalogue),
                )
                shown = self.router.show(state, context)
                assert shown, f"no screen for {type(state).__name__}"

    def show_device_notices(self, notices: tuple[str, ...]) -> None:
        """Tell citizens which devices do not work (codes from `kiosk.device_health`)."""
        if notices != self.device_notices:
            self.device_notices = notices
            self.show_state()

    def set_out_of_service(self, on: bool) -> None:
        """The central's maintenance switch: applies at the start screen, never mid-session."""
        if self.availability.set_out_of_service(on):
            self.show_state()

    def show_connection(self, connection: ConnectionState) -> None:
        """How the kiosk stands with the central (`kiosk.sync.connection`), on the UI thread."""
        if self.availability.set_connection(connection):
            self.show_state()

    def set_can_scan(self, can_scan: bool) -> None:
        if can_scan != self.can_scan:
            self.can_scan = can_scan
            self.show_state()

    def set_card_on_reader(self, present: bool) -> None:
        if present != self.card_on_reader:
            self.card_on_reader = present
            if isinstance(self.workflow.state, Finished | PrintingLicence):
                self.show_state()

    def code_scanned(self, text: str) -> None:
        """A scanner delivered a whole code (on the UI thread)."""
        state = self.workflow.state
        if isinstance(state, Attract) and self.availability.out_of_service:
            return  # out of service: a code starts nothing
        if isinstance(state, IdentityCheck) and state.needs_key:
            self.workflow.touch()
            self.workflow.dispatch(ev.MrzScanned(text))
            return
        if isinstance(state, VerifyingSlip):
            self.workflow.touch()
            self.workflow.check_slip(text)
            return
        if text.strip().startswith(LICENCE + ".") and isinstance(state, Attract | ServiceMenu):
            # A licence's code under the scanner: checked at once, as "scan to verify" would.
            if isinstance(state, Attract):
                self.workflow.dispatch(ev.Started())
            self.workflow.touch()
            self.workflow.dispatch(ev.VerifySlipChosen())
            self.workflow.check_slip(text)
            return
        if self.workflow.receipt_scanned(text):
            # A receipt's code: its number looked up (opened from the start screen or the
            # menu, filled in on the lookup's number step).
            self.workflow.touch()
            return
        service = service_in_guidance_qr(text)
        if service is not None and isinstance(state, Attract | ServiceMenu):
            # A guidance slip's code: the same guidance again, starting nothing.
            if isinstance(state, Attract):
                self.workflow.dispatch(ev.Started())
            self.workflow.touch()
            self.workflow.dispatch(ev.ServiceChosen(service, guidance_only=True))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's names)
        # Tab (or a switch user's "next") follows the reading order, not creation order.
        return move_focus(self, next)

    def set_language(self, language: str) -> None:
        self.languages.set_language(language)
        self.keyboard.follow_language(language)
        self.show_state()

    def _set_compact(self, compact: bool) -> None:
        self.router.set_compact(compact)

    def _reset_citizen_settings(self) -> None:
        """The next citizen starts as the kiosk was set up, not as the last one left it."""
        self.look.reset()
        if self.languages.language != self.default_language:
            self.languages.set_language(self.default_language)
        self.keyboard.follow_language(self.default_language)

    def _on_start_over(self) -> None:
        # Answers typed on the form or seen on the review are worth a question;
        # anywhere else nothing is lost by starting again.
        if isinstance(self.workflow.state, Filling | Reviewing | Signing | EditingPerson):
            self.start_over_question.ask(
                self.tr("Start again?"),
                self.tr("The answers you have given so far will be deleted."),
                self.tr("Yes, delete my answers"),
                self.tr("No, keep my answers"),
            )
            self._place_overlay(self.start_over_question, 460)
        else:
            self.workflow.dispatch(ev.Cancelled())

    def _on_language(self) -> None:
        self.set_language("en" if self.languages.language == "zh" else "zh")

    # -- inactivity -------------------------------------------------------------
    def check_idle(self) -> None:
        reading = self.workflow.check_idle()
        leaving = self.workflow.check_leaving()
        in_session = not isinstance(self.workflow.state, Attract)
        idle_warns = in_session and reading.phase == "warning"
        # One question at a time: the one whose end comes first.
        if (
            in_session
            and leaving.warning
            and not (idle_warns and reading.remaining_s < leaving.remaining_s)
        ):
            self._warn_leaving(leaving)
            idle_warns = False
        elif self.leaving_warning.isVisible():
            self.leaving_warning.hide()
        if idle_warns:
            self.idle_warning.show_countdown(math.ceil(reading.remaining_s))
            self._place_overlay(self.idle_warning, 420)
        elif self.idle_warning.isVisible():
            self.idle_warning.hide()

    def _warn_leaving(self, reading: LeaveReading) -> None:
        seconds = math.ceil(reading.remaining_s)
        if reading.reason == CARD_TAKEN:
            self.leaving_warning.show_card_taken(seconds)
        else:
            self.leaving_warning.show_slip_left(seconds)
        self._place_overlay(self.leaving_warning, 420)

    def _forget_citizen(self) -> None:
        """The workflow forgot the citizen: so does every screen, shown or hidden, and Qt."""
        self.router.clear()
        self.verify_slip.clear()
        forget_typing(self)

    def _on_keep_going(self) -> None:
        self.workflow.touch()
        self.idle_warning.hide()

    def _place_overlay(self, panel: QWidget, height: int) -> None:
        central = self.centralWidget()
        if central is None:
            return
        area = central.rect()
        width = min(1100, area.width() - 80)
        height = max(height, panel.heightForWidth(width), panel.minimumSizeHint().height())
        panel.setGeometry((area.width() - width) // 2, (area.height() - height) // 2, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Any touch anywhere counts as activity, except on the warning itself,
        # where only "continue" should keep the session.
        if event.type() in _INPUT_EVENTS and not self.idle_warning.isVisible():
            self.workflow.touch()
        return False
