"""Unlock the keys: the key file's passphrase, asked for when a key is first needed.

Where no secure OS keyring exists, the identity's private keys are in a file protected
by a passphrase (``docs/keys.md``). The command line reads it from
``SIA_CONSOLE_PASSPHRASE``; here the adviser types it, masked. It is checked against the
key file in a thread (scrypt is slow on purpose) and, if it opens it, held in memory for
this run only (:class:`~sia_console.keys.unlock.SessionPassphrase`): never written
anywhere. A wrong one is said plainly, with what it means and what to do.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static

from sia_console.i18n import _
from sia_console.keys.errors import KeyStoreError, WrongPassphrase
from sia_console.services.identity import unlock_keys
from sia_console.tui.context import AppContext
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.screens.base import describe

WRONG = _(
    "That passphrase does not open the keys (or the key file is damaged). Nothing was "
    "changed: type it again, exactly as it was set when this identity was made. A lost "
    "passphrase cannot be recovered: make new keys with sia-console init --force and "
    "give your core lead the new identity card."
)


class UnlockDialog(FormDialog[bool]):
    """Ask for the key file's passphrase; ``True`` once it has opened the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="unlock.cancel", tooltip=_("Go back")),
    ]

    class Checked(Message):
        """The passphrase was tried: ``problem`` is ``None`` when it opened the keys."""

        def __init__(self, problem: str | None) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, context: AppContext, purpose: str) -> None:
        super().__init__()
        self.context = context
        self.purpose = purpose
        """What the keys are needed for, in a few words ("to export the bundle")."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(_("Unlock the keys")), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "There is no secure keyring on this computer, so your private keys "
                        "are kept in a file protected by a passphrase. Type it {purpose}. "
                        "It is kept in memory until you quit, and never written anywhere."
                    ).format(purpose=self.purpose)
                ),
                classes="dialog-body",
            )
            yield Input(password=True, id="unlock-passphrase", placeholder=_("Passphrase"))
            yield Static(id="unlock-problem", classes="problem -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Unlock"), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Try the passphrase typed (in a thread)."""
        typed = self.query_one(Input).value
        if not typed:
            self._problem(_("Type the passphrase first."))
            return
        self._problem(_("Checking the passphrase…"))
        self.query_one("#confirm", Button).disabled = True
        self.check(typed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unlock")
    def check(self, passphrase: str) -> None:
        """Open the key file with ``passphrase``; hold it if it opens."""
        try:
            with self.context.database.session() as session:
                unlock_keys(session, passphrase)
        except WrongPassphrase:
            self.post_message(self.Checked(WRONG))
            return
        except KeyStoreError as error:
            self.post_message(self.Checked(str(error)))
            return
        except Exception as error:  # (logged without its message; the sentence names the log)
            self.post_message(self.Checked(describe(error)))
            return
        self.context.passphrase.hold(passphrase)
        self.post_message(self.Checked(None))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        if message.problem is None:
            self.dismiss(True)
            return
        self.query_one("#confirm", Button).disabled = False
        field = self.query_one(Input)
        field.value = ""
        field.focus()
        self._problem(message.problem)

    def _problem(self, text: str) -> None:
        self.query_one("#unlock-problem", Static).update(Content(text))

    def action_cancel(self) -> None:
        """Leave the keys locked."""
        self.dismiss(False)
