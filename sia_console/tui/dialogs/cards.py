"""Identity cards from inside the app: write your own, trust a colleague's.

A bundle goes only to a trusted core lead (and a core lead reads only the bundles of
trusted advisers), and trust comes from identity cards exchanged by hand. These dialogs
do what ``sia-console identity export`` and ``identity trust`` do, through the same
services, so an adviser never has to leave the app to start syncing. Writing a card is
signed with the private key: where the keys are in a passphrase file still locked, the
unlock dialog comes first.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from sia_console.domain.text import shown_name
from sia_console.i18n import _
from sia_console.keys.errors import KeysLocked
from sia_console.paths import default_exports_dir
from sia_console.services import identity
from sia_console.tui.context import AppContext
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.dialogs.unlock import UnlockDialog
from sia_console.tui.screens.base import describe
from sia_console.tui.widgets.safe_input import SafeInput


class CardTask(StrEnum):
    """What the dialog does with the file named."""

    WRITE = "write"
    TRUST = "trust"


class CardDialog(FormDialog[str]):
    """Name a file; write this identity's card there, or trust the card in it. Hands back
    the sentence that says what was done."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="card.cancel", tooltip=_("Go back")),
    ]

    class Done(Message):
        """The task ended: ``said`` is what was done, or ``problem`` why not."""

        def __init__(self, said: str | None, problem: str | None, locked: bool) -> None:
            super().__init__()
            self.said = said
            self.problem = problem
            self.locked = locked

    def __init__(self, context: AppContext, task: CardTask) -> None:
        super().__init__()
        self.context = context
        self.card_task = task

    def compose(self) -> ComposeResult:
        writing = self.card_task is CardTask.WRITE
        with Vertical(classes="dialog-box wide"):
            yield Static(
                Content(_("Write my identity card") if writing else _("Trust an identity card")),
                classes="dialog-title",
            )
            yield Static(
                Content(
                    _(
                        "Your card holds your name and public keys, no secret. Give it to "
                        "your core lead (or, as core lead, to each adviser), who trusts it; "
                        "trust theirs here. Check the fingerprint with them by phone."
                    )
                    if writing
                    else _(
                        "Trust the identity card of your core lead (or, as core lead, of an "
                        "adviser): bundles are then encrypted to them, or read from them. "
                        "Check its fingerprint with them by phone."
                    )
                ),
                classes="dialog-body",
            )
            yield SafeInput(
                str(default_exports_dir() / "my-identity.card") if writing else "",
                id="card-path",
                placeholder=_("The card file") if not writing else _("Where to write the card"),
            )
            yield Static(id="card-problem", classes="problem -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Write") if writing else _("Trust"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(SafeInput).focus()

    @on(SafeInput.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Write or trust the card named (in a thread)."""
        typed = self.query_one(SafeInput).value.strip()
        if not typed:
            self._problem(_("Type the path of the card file."))
            return
        self.query_one("#confirm", Button).disabled = True
        self.run_task(Path(typed).expanduser())

    @work(thread=True, exclusive=True, exit_on_error=False, group="card")
    def run_task(self, path: Path) -> None:
        """Do the task through the identity services."""
        try:
            with self.context.database.session() as session:
                if self.card_task is CardTask.WRITE:
                    if path.parent == default_exports_dir():
                        path.parent.mkdir(parents=True, exist_ok=True)
                    store = identity.identity_keystore(
                        session, passphrase=self.context.passphrase.value
                    )
                    identity.export_card(session, path, store)
                    me = identity.show_identity(session)
                    said = _(
                        "Wrote your identity card to {path} (fingerprint {fingerprint})."
                    ).format(path=path, fingerprint=me.fingerprint)
                else:
                    peer = identity.trust_card(session, path)
                    said = _("Trusted {name} (fingerprint {fingerprint}).").format(
                        name=shown_name(peer.name), fingerprint=peer.fingerprint
                    )
        except KeysLocked:
            self.post_message(self.Done(None, None, locked=True))
            return
        except Exception as error:  # (our errors are sentences; any other is logged)
            self.post_message(self.Done(None, describe(error), locked=False))
            return
        self.post_message(self.Done(said, None, locked=False))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.query_one("#confirm", Button).disabled = False
        if message.said is not None:
            self.dismiss(message.said)
        elif message.locked:

            def unlocked(done: bool | None) -> None:
                if done:
                    self.action_save()
                else:
                    self._problem(_("The keys are still locked, so no card was written."))

            self.app.push_screen(UnlockDialog(self.context, _("to sign your card")), unlocked)
        else:
            self._problem(message.problem or "")

    def _problem(self, text: str) -> None:
        self.query_one("#card-problem", Static).update(Content(text))
