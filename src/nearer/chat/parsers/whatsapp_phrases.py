"""What WhatsApp writes in place of a message, per export language: the phrase catalogue as data.

WhatsApp replaces media, deletions, calls and group events with fixed, localised sentences, and
recent iOS exports even put a person's name in front of them. Reading those sentences as the
partner's words would count the encryption notice or a missed call as something they said, so
every body is checked against this catalogue.

Each language is a `Phrases` of compiled patterns. Unless a field says otherwise a pattern must
match a whole body (after the invisible marks at its start): `re.fullmatch` in Python,
`^(?:…)$` in polars. Patterns use only syntax that Python's `re` and Rust's `regex` (polars) read
alike: no look-around, no back-references; scoped flags such as `(?i:…)` and `(?s:…)` are fine.
An action's only capture group, `ACTOR`, is the person who did it; it never holds a colon, so a
normal line `Name: text` can never read as an action. The wording of every pattern is the
project's own; WhatsR's `Languages.csv` and published exports were read for reference. English
and German are checked against sample exports; the other languages are best effort
(docs/chat/whatsapp.md lists what is verified).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The person named at the start of a system event ("Ana added Ben"). Never a colon: see above.
ACTOR = r"([^:\n]+?)"
#: A name inside a fixed notice ("Your security code with Ana changed").
NAME = r"[^:\n]+?"
#: What WhatsApp may append after a notice ("Tap to learn more.", "Learn more").
TAIL = r"(?:[ .,].*)?"
#: Everything to the end, across lines (multi-line notices such as the Meta AI disclaimer).
REST = r"(?s:.*)"
#: A call's duration after its name: "Voice call. 12 min", "Sprachanruf. 1 Std. 5 Min."
DURATION = r"\d[^\n]*"


@dataclass(frozen=True)
class Phrases:
    """One language's catalogue; every tuple holds compiled patterns."""

    language: str
    you: tuple[str, ...]  # how the exporting person is named as an actor ("You", "Du")
    omitted: tuple[re.Pattern[str], ...]  # media left out of the export, shared locations
    attached: tuple[re.Pattern[str], ...]  # the START of a body naming a media file
    tags: tuple[re.Pattern[str], ...]  # iOS's `<attached: …>`, which starts or ends a body
    deleted: tuple[re.Pattern[str], ...]
    edited: tuple[re.Pattern[str], ...]  # the marker inside `<…>` ending an edited message
    calls: tuple[re.Pattern[str], ...]  # call records; the caller is the line's author
    missed: tuple[re.Pattern[str], ...]  # among `calls`, the ones nobody picked up
    notices: tuple[re.Pattern[str], ...]  # fixed system text no person would type
    actions: tuple[re.Pattern[str], ...]  # system events done by ACTOR (or by "you")
    call_actions: tuple[re.Pattern[str], ...]  # "ACTOR started a call": group calls
    own_actions: tuple[re.Pattern[str], ...]  # events by the exporter, no pronoun ("Añadiste a")


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


ENGLISH = Phrases(
    language="en",
    you=("You", "you"),
    omitted=_compile(
        r"<(?i:media|video message|video note|voice message|audio|image|sticker|gif) omitted>",
        r"(?i:image|photo|audio|video|gif|sticker|contact card|video note|video message"
        r"|voice message|document|view once (?:photo|video|voice message)) omitted",
        r".+ • .+ (?:document|pages?) omitted",
        r".+\.[^\W\d_]\w{0,9} (?:document )?omitted",  # a file name: "IMG-1.jpg omitted"
        r"(?i:location): https?://\S+",
        r"(?i:live location shared)\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:file attached)\)(?:\n|$)",
        r"\S+\.\w+ <attached>",
    ),
    tags=_compile(r"<(?i:attached): ?\u200e*[^<>\n]+>"),
    deleted=_compile(
        r"(?:This message was deleted|You deleted this message|Message deleted)\.?",
        r"This message was deleted by (?:an )?admin" + TAIL,
    ),
    edited=_compile(r"This message was edited\.?"),
    calls=_compile(
        r"(?i:missed |silenced )?(?:group )?(?i:voice|video) call(?:[.,] (?:Tap to call back"
        r"|Click to call back|No answer|Answered on other device|Declined|" + DURATION + r"))?",
    ),
    missed=_compile(r"(?i:missed|silenced) .*", r".*[.,] No answer"),
    notices=_compile(
        r"Messages and calls are end-to-end encrypted\." + REST,
        # 2016-20 wording, on iOS attributed to the partner: "… to this chat and calls are …".
        r"Messages (?:you send )?to this (?:group|chat)(?: and calls)? are now secured with"
        r" end-to-end encryption\." + REST,
        r"Your security code with " + NAME + r" changed\." + TAIL,
        r"\+?\d[\d ()\u2011-]{5,}\d changed to \+?\d[\d ()\u2011-]{5,}\d\.?",  # phone numbers
        r"You (?:blocked|unblocked) this contact\." + TAIL,
        r"You're (?:now|no longer) an admin\.?",
        r"Disappearing messages (?:were|are) turned (?:on|off)\." + TAIL,
        r"Meta AI is an optional service from Meta" + REST,
        r"Only messages that mention (?:or people share with )?@(?:Meta )?AI" + REST,
        r"This chat is with (?:a|an official) business account\." + TAIL,
    ),
    actions=_compile(
        ACTOR + r" created (?:group [\"“”].*[\"“”]|this group)\.?",
        ACTOR + r" added .+",
        ACTOR + r" removed .+",
        ACTOR + r" left(?: the group)?\.?",
        ACTOR + r" joined (?:using this group's invite link|from the community|via .+)\.?",
        ACTOR + r" changed (?:the group name|the subject|the group description|this group's"
        r" icon|this group's settings|the group settings)(?: .*)?",
        ACTOR + r" deleted (?:this group's icon|the group description)\.?",
        ACTOR + r" changed their phone number" + TAIL,
        ACTOR + r" turned (?:on|off) (?:disappearing messages|admin approval|advanced chat"
        r" privacy)" + TAIL,
        ACTOR + r" updated the message timer\." + TAIL,
        ACTOR + r" uses a default timer for disappearing messages in new chats\." + TAIL,
        ACTOR + r" (?:pinned|unpinned) a message\.?",
        ACTOR + r" reset this group's invite link\.?",
        ACTOR + r" requested to join\.?",
        ACTOR + r" (?:is|are) a contact\.?",
        ACTOR + r" (?:was|were) added\.?",
    ),
    call_actions=_compile(ACTOR + r" started a (?:video |voice )?call\.?"),
    own_actions=(),
)

GERMAN = Phrases(
    language="de",
    you=("Du", "du"),
    omitted=_compile(
        r"<(?:Medien|Medien-Datei) (?:ausgeschlossen|weggelassen)>",
        r"<(?:Videonachricht|Videonotiz|Sprachnachricht) weggelassen>",
        r"(?i:Bild|Foto|Audio|Video|GIF|Sticker|Kontaktkarte|Videonachricht|Videonotiz"
        r"|Sprachnachricht|Dokument) (?:weggelassen|ausgelassen)",
        r".+ • .+ (?:Dokument|Seiten?) (?:weggelassen|ausgelassen)",
        r".+\.[^\W\d_]\w{0,9} (?:Dokument )?(?:weggelassen|ausgelassen)",
        r"Standort: https?://\S+",
        r"Live-Standort wird geteilt\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:Datei angehängt)\)(?:\n|$)",
    ),
    tags=_compile(r"<Anhang: ?\u200e*[^<>\n]+>"),
    deleted=_compile(
        r"(?:Diese Nachricht wurde gelöscht|Du hast diese Nachricht gelöscht"
        r"|Nachricht gelöscht)\.?",
    ),
    edited=_compile(r"Diese Nachricht wurde bearbeitet\.?"),
    calls=_compile(
        r"(?:Verpasster |Stummgeschalteter )?(?:Gruppen)?(?:Sprach|Video)anruf(?:[.,]"
        r" (?:Zum Zurückrufen tippen|Keine Antwort|Abgelehnt|" + DURATION + r"))?",
    ),
    missed=_compile(r"(?:Verpasster|Stummgeschalteter) .*", r".*[.,] Keine Antwort"),
    notices=_compile(
        r"Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt\." + REST,
        r"Nachrichten, die du (?:an diese Gruppe|in diesem Chat) sendest,(?: sowie Anrufe,)? sind"
        r" jetzt mit Ende-zu-Ende-Verschlüsselung geschützt\." + REST,
        # 2016-20 wording, on iOS attributed to the partner.
        r"Nachrichten (?:in diesem Chat sowie Anrufe|an diese Gruppe) sind jetzt mit"
        r" Ende-zu-Ende-Verschlüsselung geschützt\." + REST,
        r"Dein Sicherheitscode für " + NAME + r" hat sich geändert\." + TAIL,
        r"\+?\d[\d ()\u2011-]{5,}\d hat zu \+?\d[\d ()\u2011-]{5,}\d gewechselt\.?",
        r"Du hast diesen Kontakt (?:blockiert|freigegeben)\." + TAIL,
        r"Du bist (?:jetzt|kein)[^.]{0,12} Admin(?: mehr)?\.?",
        r"Selbstlöschende Nachrichten (?:wurden|sind) (?:aktiviert|deaktiviert)\." + TAIL,
        r"Meta AI ist ein optionaler Dienst von Meta" + REST,
        r"Nur Nachrichten, die @(?:Meta.AI|AI) erwähnen" + REST,
    ),
    actions=_compile(
        ACTOR + r" ha(?:t|st) (?:die Gruppe .+ erstellt|diese Gruppe erstellt)\.?",
        ACTOR + r" ha(?:t|st) .+ (?:hinzugefügt|entfernt)\.?",
        ACTOR + r" ha(?:t|st) die Gruppe verlassen\.?",
        ACTOR + r" ha(?:t|st) (?:den Gruppennamen|den Betreff|das Gruppenbild"
        r"|die Gruppenbeschreibung|die Gruppeneinstellungen) .*",
        ACTOR + r" ha(?:t|st) eine neue Telefonnummer" + TAIL,
        ACTOR + r" ha(?:t|st) (?:selbstlöschende Nachrichten|den erweiterten"
        r" Chat-Datenschutz|die Nachrichtendauer|die (?:Admin-)?Genehmigung) .*",
        ACTOR + r" (?:ist|bist) (?:über den Einladungslink|der Gruppe|der Community) .*",
        ACTOR + r" ha(?:t|st) eine Nachricht (?:fixiert|angepinnt)\.?",
        ACTOR + r" ist ein Kontakt\.?",
        ACTOR + r" (?:wurden|wurde) hinzugefügt\.?",
    ),
    call_actions=_compile(ACTOR + r" ha(?:t|st) einen (?:Video|Sprach)?[Aa]nruf gestartet\.?"),
    own_actions=(),
)

SPANISH = Phrases(
    language="es",
    you=("Tú", "tú"),
    omitted=_compile(
        r"<(?:Multimedia|Archivo|Video|Nota de voz) omitid[oa]>",
        r"(?i:imagen|foto|audio|video|vídeo|GIF|sticker|tarjeta de contacto|documento"
        r"|mensaje de voz) omitid[oa]",
        r"(?i:ubicación): https?://\S+",
        r"(?i:ubicación en tiempo real compartida)\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:archivo adjunto)\)(?:\n|$)",
    ),
    tags=_compile(r"<(?i:adjunto|archivo adjunto): ?\u200e*[^<>\n]+>"),
    deleted=_compile(
        r"(?:Se eliminó este mensaje|Eliminaste este mensaje|Este mensaje fue eliminado)\.?",
    ),
    edited=_compile(r"Se editó este mensaje\.?"),
    calls=_compile(
        r"(?:(?:Llamada de (?:voz|video)|Videollamada)(?: de grupo)?(?: perdida)?"
        r"|Llamada perdida)"
        r"(?:[.,] (?:Sin respuesta|Toca para devolver la llamada|" + DURATION + r"))?",
    ),
    missed=_compile(r".* perdida(?:[.,] .*)?", r".*[.,] Sin respuesta"),
    notices=_compile(
        r"Los mensajes y (?:las )?llamadas están cifrados de extremo a extremo\." + REST,
        r"Tu código de seguridad con " + NAME + r" cambió\." + TAIL,
        r"(?:Bloqueaste|Desbloqueaste) (?:a )?este contacto\." + TAIL,
        r"Ahora eres admin(?:istrador)?\.?",
    ),
    actions=_compile(
        ACTOR + r" (?:creó el grupo|añadió a|eliminó a|salió del grupo|se unió|cambió"
        r" (?:el asunto|el nombre|la imagen|la foto|la descripción)|cambió su número)(?: .*|\.)?",
    ),
    call_actions=_compile(ACTOR + r" inició una (?:videollamada|llamada(?: de voz)?)\.?"),
    own_actions=_compile(
        r"(?:Creaste el grupo|Añadiste a|Eliminaste a|Cambiaste (?:el asunto|el nombre"
        r"|la imagen|la foto|la descripción)|Saliste del grupo)" + TAIL,
    ),
)

FRENCH = Phrases(
    language="fr",
    you=("Vous", "vous"),
    omitted=_compile(
        r"<(?:Médias|Fichier|Vidéo|Message vocal) omis>",
        r"(?i:image|photo|audio|vidéo|GIF|autocollant|sticker|fiche contact|carte de contact"
        r"|document|message vocal) (?:omise?|absente?)",
        r"(?i:position|localisation) ?: https?://\S+",
        r"(?i:position en direct partagée)\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:fichier joint)\)(?:\n|$)",
    ),
    tags=_compile(r"<(?i:pièce jointe) ?: ?\u200e*[^<>\n]+>"),
    deleted=_compile(r"(?:Ce message a été supprimé|Vous avez supprimé ce message)\.?"),
    edited=_compile(r"Ce message a été modifié\.?"),
    calls=_compile(
        r"Appel (?:de groupe )?(?:vocal|vidéo)(?: manqué)?"
        r"(?:[.,] (?:Pas de réponse|Appuyez pour rappeler|" + DURATION + r"))?",
    ),
    missed=_compile(r".* manqué(?:[.,] .*)?", r".*[.,] Pas de réponse"),
    notices=_compile(
        r"Les messages et (?:les )?appels sont chiffrés de bout en bout\." + REST,
        r"Votre code de sécurité avec " + NAME + r" a changé\." + TAIL,
        r"Vous avez (?:bloqué|débloqué) ce contact\." + TAIL,
        r"Vous êtes (?:maintenant|désormais) admin\.?",
    ),
    actions=_compile(
        ACTOR + r" (?:a|avez) (?:créé le groupe|ajouté|retiré|quitté|changé|modifié"
        r" (?:l['’]icône|la description|le nom|le sujet))(?: .*|\.)?",
        ACTOR + r" (?:est|êtes) parti\.?",
        ACTOR + r" a rejoint .*",
    ),
    call_actions=_compile(ACTOR + r" a (?:lancé|démarré) un appel(?: vocal| vidéo)?\.?"),
    own_actions=(),
)

PORTUGUESE = Phrases(
    language="pt",
    you=("Você", "você"),
    omitted=_compile(
        r"<(?:Mídia oculta|Arquivo de mídia oculto|Multimédia omitida"
        r"|Mensagem de voz ocultada)>",
        r"(?i:imagem|foto|áudio|vídeo|GIF|figurinha|sticker|cartão de contato|documento"
        r"|mensagem de voz) (?:ocultad[oa]|omitid[oa])",
        r"(?i:localização): https?://\S+",
        r"(?i:localização em tempo real compartilhada)\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:arquivo anexado|ficheiro anexado)\)(?:\n|$)",
    ),
    tags=_compile(r"<(?i:anexo|anexado): ?\u200e*[^<>\n]+>"),
    deleted=_compile(
        r"(?:Mensagem apagada|Esta mensagem foi apagada|Você apagou esta mensagem"
        r"|Mensagem eliminada|Eliminou esta mensagem)\.?",
    ),
    edited=_compile(r"(?:Mensagem editada|Editada)\.?"),
    calls=_compile(
        r"(?:Chamada|Ligação) de (?:voz|vídeo)(?: perdida)?"
        r"(?:[.,] (?:Sem resposta|Toque para retornar|" + DURATION + r"))?",
    ),
    missed=_compile(r".* perdida(?:[.,] .*)?", r".*[.,] Sem resposta"),
    notices=_compile(
        r"As mensagens e (?:as )?(?:chamadas|ligações) (?:são|estão) .*ponta a ponta" + REST,
        r"(?:Seu|O seu) código de segurança com " + NAME + r" (?:mudou|foi alterado)\." + TAIL,
        r"Você (?:bloqueou|desbloqueou) (?:este|esse) contato\." + TAIL,
    ),
    actions=_compile(
        ACTOR + r" (?:criou o grupo|adicionou|removeu|saiu|entrou usando|mudou (?:o assunto"
        r"|o nome|a imagem|a descrição))(?: .*|\.)?",
    ),
    call_actions=_compile(ACTOR + r" iniciou uma (?:chamada|ligação)(?: de voz| de vídeo)?\.?"),
    own_actions=(),
)

ITALIAN = Phrases(
    language="it",
    you=("Tu", "tu"),
    omitted=_compile(
        r"<(?:Media|File|Video|Messaggio vocale) omess[oi]>",
        r"(?i:immagine|foto|audio|video|GIF|sticker|scheda contatto|documento"
        r"|messaggio vocale) omess[oa]",
        r"(?i:posizione): https?://\S+",
        r"(?i:posizione in tempo reale condivisa)\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:file allegato)\)(?:\n|$)",
    ),
    tags=_compile(r"<(?i:allegato): ?\u200e*[^<>\n]+>"),
    deleted=_compile(r"(?:Questo messaggio è stato eliminato|Hai eliminato questo messaggio)\.?"),
    edited=_compile(r"Questo messaggio è stato modificato\.?"),
    calls=_compile(
        r"(?:Chiamata vocale|Videochiamata|Chiamata di gruppo)(?: persa)?"
        r"(?:[.,] (?:Nessuna risposta|Tocca per richiamare|" + DURATION + r"))?",
    ),
    missed=_compile(r".* persa(?:[.,] .*)?", r".*[.,] Nessuna risposta"),
    notices=_compile(
        r"I messaggi e le chiamate sono crittografati end-to-end\." + REST,
        r"Il tuo codice di sicurezza con " + NAME + r" è cambiato\." + TAIL,
        r"Hai (?:bloccato|sbloccato) questo contatto\." + TAIL,
    ),
    actions=_compile(
        ACTOR + r" (?:ha creato il gruppo|ha aggiunto|ha rimosso|è uscit[oa]|ha abbandonato"
        r"|ha cambiato|si è unit[oa])(?: .*|\.)?",
    ),
    call_actions=_compile(ACTOR + r" ha avviato una (?:videochiamata|chiamata(?: vocale)?)\.?"),
    own_actions=_compile(r"Hai (?:creato il gruppo|aggiunto|rimosso|cambiato|abbandonato) .*"),
)

DUTCH = Phrases(
    language="nl",
    you=("Je", "je", "Jij", "U"),
    omitted=_compile(
        r"<(?:Media|Bestand|Video|Spraakbericht) weggelaten>",
        r"(?i:afbeelding|foto|audio|video|GIF|sticker|contactkaart|document|spraakbericht)"
        r" weggelaten",
        r"(?i:locatie): https?://\S+",
        r"(?i:live locatie gedeeld)\.?",
    ),
    attached=_compile(
        r"[^\n]+? \((?i:bestand bijgevoegd)\)(?:\n|$)",
    ),
    tags=_compile(r"<(?i:bijlage): ?\u200e*[^<>\n]+>"),
    deleted=_compile(r"(?:Dit bericht is verwijderd|Je hebt dit bericht verwijderd)\.?"),
    edited=_compile(r"Dit bericht is bewerkt\.?"),
    calls=_compile(
        r"(?:Gemiste |Gemist )?(?:groeps)?(?i:spraak|video)(?:gesprek|oproep)"
        r"(?:[.,] (?:Geen antwoord|Tik om terug te bellen|" + DURATION + r"))?",
    ),
    missed=_compile(r"Gemist.*", r".*[.,] Geen antwoord"),
    notices=_compile(
        r"Berichten en (?:gesprekken|oproepen) (?:worden|zijn) end-to-end versleuteld\." + REST,
        r"Je beveiligingscode met " + NAME + r" is gewijzigd\." + TAIL,
        r"Je hebt dit contact (?:geblokkeerd|gedeblokkeerd)\." + TAIL,
    ),
    actions=_compile(
        ACTOR + r" (?:heeft|hebt) (?:groep .+ aangemaakt|deze groep aangemaakt|.+ toegevoegd"
        r"|.+ verwijderd|de groep verlaten|(?:het onderwerp|de groepsnaam"
        r"|de groepsafbeelding|de groepsbeschrijving) .*)\.?",
        ACTOR + r" (?:is|bent) (?:toegetreden|lid geworden)" + TAIL,
    ),
    call_actions=_compile(
        ACTOR + r" (?:is|heeft) een (?:video|spraak)?(?:gesprek|oproep) (?:gestart|begonnen)\.?"
    ),
    own_actions=(),
)

#: Every language the parser knows. A body is checked against all of them at once, so a chat
#: whose exporter switched the phone's language half-way is read correctly.
CATALOGUE: tuple[Phrases, ...] = (ENGLISH, GERMAN, SPANISH, FRENCH, PORTUGUESE, ITALIAN, DUTCH)

#: Media left out of an Android export in a language the catalogue lacks: WhatsApp writes a
#: phrase of two or more words in angle brackets (`<Media tidak disertakan>`, `<Без медиафайлов>`,
#: `<تم استبعاد الوسائط>`), or one run of Chinese, Japanese or Korean characters, with no digit,
#: colon or slash (so `<attached: …>` and `<3` are not one). A whole message typed that way
#: (`<big hug>`) reads as media too: the price of reading every language.
PLACEHOLDER = (
    r"<[^\s\d<>:/\\]+(?:[ \u00a0][^\s\d<>:/\\]+)+>"
    "|<[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+>"
)

#: A shared place (Android and iOS, any language): the venue's name, often with its town, and
#: its Foursquare page, as the whole message (`Çalış Plajı (Fethiye, Muğla):
#: https://foursquare.com/v/4dea6dacd22da22d4ed36317`). Media, like a shared location.
VENUE = r"[^\n]+: https?://foursquare\.com/v/[0-9A-Za-z]+"

#: What iOS writes before a document's tag (`Report.pdf • 2 pages <attached: …>`): the file name
#: with its extension, a bullet, then a number (pages, in the phone's language). It describes the
#: file and is no caption. Read with invisible marks removed.
DOCUMENT = r"[^\n]+\.[^\W\d_]\w{0,9} • \d[^\n]*"

#: A file WhatsApp exported with the chat, named by WhatsApp the same way in every language. On
#: iOS: a counter of eight digits, then the kind and the time it was sent
#: (`00000042-PHOTO-2023-08-05-17-54-02.jpg`, and VIDEO, AUDIO, STICKER, GIF…) or, for a
#: document, its own name (`00000022-Report.pdf`). On Android (also inside an iOS tag, for a
#: voice note forwarded from one): three capitals, the day and a counter
#: (`IMG-20210428-WA0001.jpg`, `PTT-20180129-WA0025.opus`, VID, AUD, STK). ASCII classes, not
#: `\d` and `\w`: Unicode ones, repeated a bounded number of times beside the catalogue's tags,
#: make polars' regex engine ten times slower on every message.
IOS_FILE = r"[0-9]{8}-[^<>\n]+?\.[0-9A-Za-z]{1,10}"
ANDROID_FILE = r"[A-Z]{3}-[0-9]{8}-WA[0-9]+\.[0-9A-Za-z]{1,10}"
#: iOS's tag for such a file in a language the catalogue lacks: `<label: name>`, the label in
#: the phone's language (`<вложение: 00000042-PHOTO-….jpg>`), so only the file's name tells it
#: from typed text. `‹` (U+2039) opens it as well as `<`, as in an export reported to nearer.
ANY_TAG = rf"[<‹][^<>:\n\d]{{1,40}}: ?[\u200e\u200f]*(?:{IOS_FILE}|{ANDROID_FILE})>"
#: Android's line for such a file in a language the catalogue lacks: the name, then WhatsApp's
#: words in brackets (`IMG-20210428-WA0001.jpg (файл прикреплён)`); a caption may follow on
#: the next lines. The START of a body, like `Phrases.attached`.
ANY_ATTACHED = rf"{ANDROID_FILE} \([^()\n\d]{{1,40}}\)(?:\n|$)"
