/**
 * German for the texts of Strapi 5.54's admin panel that its own German translations lack (keys
 * in the English files of @strapi/admin, content-manager, i18n and users-permissions but not in
 * their German ones), and for the users-permissions User type, which this project did not create
 * and so names nowhere else. tests/unit/admin-translations.test.ts fails when an upgrade of Strapi
 * adds such a gap on one of these packages, and the e2e run reads the editors' pages for English
 * words (tests/e2e/run.ts).
 *
 * Keys as the admin app looks them up: the admin's own unprefixed, a plugin's with its id
 * (`content-manager.`, `i18n.`, `users-permissions.`).
 */
const ADMIN: Record<string, string> = {
  // The announcement above every page (AuthenticatedLayout). Translated rather than hidden: it
  // can be closed, and it stays closed for that user.
  'app.components.MediaLibraryBanner.intro': 'Die neue Medienbibliothek ',
  'app.components.MediaLibraryBanner.text':
    'In der Dokumentation steht, wie Sie zur neuen Medienbibliothek wechseln.',
  'app.components.MediaLibraryBanner.text.enabled':
    'Sie arbeiten jetzt mit der überarbeiteten Fassung.',
  'app.components.MediaLibraryBanner.button': 'Dokumentation',
  'app.components.MediaLibraryBanner.button.enabled': 'Blogbeitrag lesen',
  'app.components.MediaLibraryBanner.close': 'Hinweis schließen',
  'app.components.Select.placeholder': 'Auswählen',
  'app.error.chunk.title': 'Diese Ansicht konnte nicht geladen werden',
  'app.error.chunk.message':
    'Der Administrationsbereich konnte eine Ansicht nicht laden. Das passiert oft, während der Server startet oder wenn die Verbindung unterbrochen war. Laden Sie die Seite neu, um es noch einmal zu versuchen. Nach einem neuen Deployment kann ein vollständiges Neuladen nötig sein.',
  'app.error.chunk.reload': 'Seite neu laden',
  'app.session.ended.title': 'Sitzung beendet',
  'app.session.ended.unsaved':
    'Ihre Sitzung ist beendet und kann nicht fortgesetzt werden. Ungespeicherte Änderungen gehen beim Abmelden verloren.',
  'app.utils.update-filter': 'Filter ändern',
  'app.HeaderLayout.docLink.label': 'Mehr dazu in der Dokumentation',
  'components.premiumFeature.title': 'Premium-Funktion',
  'global.sessions.active-devices': 'Aktive Geräte',
  'Settings.sessions.title': 'Aktive Geräte',
  'Settings.sessions.subtitle': 'Die Geräte und Sitzungen, mit denen Sie gerade angemeldet sind.',
  'Settings.sessions.device': 'Gerät',
  'Settings.sessions.loginAt': 'Angemeldet',
  'Settings.sessions.lastActiveAt': 'Zuletzt verwendet',
  'Settings.sessions.actions': 'Aktionen',
  'Settings.sessions.current': 'Dieses Gerät',
  'Settings.sessions.unknownDevice': 'Unbekanntes Gerät',
  'Settings.sessions.revoke': 'Sitzung beenden',
  'Settings.sessions.revoke.success': 'Sitzung beendet',
  'Settings.sessions.revoke.confirm':
    'Wollen Sie diese Sitzung wirklich beenden? Das Gerät muss sich danach neu anmelden.',
  'Settings.sessions.revoke.confirmCurrent':
    'Dies ist das Gerät, das Sie gerade verwenden. Wenn Sie diese Sitzung beenden, werden Sie abgemeldet.',
  'Settings.sessions.revokeOthers': 'Auf anderen Geräten abmelden',
  'Settings.sessions.revokeOthers.confirm':
    'Sind Sie sicher? Alle anderen aktiven Sitzungen werden beendet. Auf diesem Gerät bleiben Sie angemeldet.',
  'Settings.sessions.revokeOthers.success': 'Andere Sitzungen beendet',
  'Settings.sessions.revokeAll': 'Auf allen Geräten abmelden',
  'Settings.sessions.revokeAll.confirm':
    'Sind Sie sicher? Alle aktiven Sitzungen werden beendet, auch diese, und Sie müssen sich neu anmelden.',
  'Settings.application.plan-title': 'aktueller Tarif',
  'Settings.roles.form.permissions.locales.validation':
    '{count, plural, one {Die Aktion {actions} muss für mindestens eine Sprache gelten.} other {Die Aktionen {actions} müssen für mindestens eine Sprache gelten.}}',
  'Settings.tokens.form.owner': 'Eigentümer',
  'Settings.adminTokens.ListView.headers.createdAt': 'Erstellt am',
  'Settings.adminTokens.ListView.headers.description': 'Beschreibung',
  'Settings.adminTokens.ListView.headers.lastUsedAt': 'Zuletzt verwendet',
  'Settings.adminTokens.ListView.headers.name': 'Name',
  'Settings.adminTokens.ListView.headers.owner': 'Eigentümer',
  'Settings.adminTokens.addFirstToken': 'Ersten Admin-Token erstellen',
  'Settings.adminTokens.create': 'Neuen Admin-Token erstellen',
  'Settings.adminTokens.createPage.title': 'Admin-Token erstellen',
  'Settings.adminTokens.description':
    'Erzeugte Tokens, mit denen Programme die Funktionen des Administrationsbereichs nutzen',
  'Settings.adminTokens.editPage.title': 'Admin-Token bearbeiten',
  'Settings.adminTokens.emptyStateLayout': 'Noch keine Einträge …',
  'Settings.adminTokens.title': 'Admin-Tokens',
  'notification.success.adminTokenCreated': 'Admin-Token erstellt',
  'notification.success.adminTokenEdited': 'Admin-Token geändert',
  // Audit logs and releases are licence-gated and off here; their labels still show in role
  // and log screens of a super admin.
  'Settings.permissions.auditLogs.audit-log.export': 'Audit-Logs exportieren',
  'Settings.permissions.auditLogs.listview.export': 'Als CSV exportieren',
  'Settings.permissions.auditLogs.listview.export.error':
    'Der Export ist fehlgeschlagen. Bitte versuchen Sie es noch einmal.',
  'Settings.permissions.auditLogs.listview.export.error.forbidden':
    'Sie haben keine Berechtigung, Audit-Logs zu exportieren.',
  'Settings.permissions.auditLogs.listview.export.error.tooLarge':
    'Die Tabelle ist zu groß für einen Export. Bitte grenzen Sie sie mit Filtern ein und versuchen Sie es noch einmal.',
  'Settings.permissions.auditLogs.listview.export.leave':
    'Wollen Sie die Seite wirklich verlassen? Der laufende Export wird abgebrochen.',
  'Settings.permissions.auditLogs.listview.export.progress.caption':
    'Export wird vorbereitet – {fetched, number} von {total, plural, one {# Ereignis} other {# Ereignissen}}',
  'Settings.permissions.auditLogs.listview.export.progress.title': 'Audit-Logs werden exportiert',
  'Settings.permissions.auditLogs.listview.export.ready.download': 'CSV herunterladen',
  'Settings.permissions.auditLogs.listview.export.ready.title': 'Export fertig',
  'Settings.permissions.auditLogs.locale.create': 'Sprache anlegen',
  'Settings.permissions.auditLogs.locale.default.update': 'Standardsprache ändern',
  'Settings.permissions.auditLogs.locale.delete': 'Sprache löschen',
  'Settings.permissions.auditLogs.locale.update': 'Sprache ändern',
  'Settings.permissions.auditLogs.release.create': 'Release anlegen',
  'Settings.permissions.auditLogs.release.update': 'Release ändern',
  'Settings.permissions.auditLogs.release.delete': 'Release löschen',
  'Settings.permissions.auditLogs.release.trigger': 'Release auslösen',
  'Settings.permissions.auditLogs.release.entry.add': 'Eintrag zum Release hinzufügen',
  'Settings.permissions.auditLogs.release.entry.update': 'Eintrag im Release ändern',
  'Settings.permissions.auditLogs.release.entry.remove': 'Eintrag aus dem Release entfernen',
  'Settings.permissions.auditLogs.release.settings.update': 'Release-Einstellungen ändern',
};

const CONTENT_MANAGER: Record<string, string> = {
  'content-manager.actions.open-in-new-tab.label': 'In neuem Tab öffnen',
  'content-manager.actions.copy-documentId.label': 'Dokument-ID kopieren',
  'content-manager.actions.copy-documentId.success': 'Dokument-ID in die Zwischenablage kopiert',
  'content-manager.actions-drawer.open': 'Weitere Aktionen öffnen',
  'content-manager.actions-drawer.close': 'Weitere Aktionen schließen',
  'content-manager.components.DynamicZone.unknown-component': 'Unbekannte Komponente',
  'content-manager.components.DynamicZone.move-up': 'Nach oben',
  'content-manager.components.DynamicZone.move-down': 'Nach unten',
  'content-manager.containers.edit.information.documentId.label': 'Dokument-ID',
  'content-manager.containers.List.statusFilter.draft': 'Entwurf (nie veröffentlicht)',
  'content-manager.containers.List.statusFilter.published': 'Veröffentlicht (alle)',
  'content-manager.containers.List.statusFilter.publishedModified': 'Veröffentlicht (geändert)',
  'content-manager.containers.List.statusFilter.publishedUnmodified':
    'Veröffentlicht (unverändert)',
  'content-manager.containers.list.filters.status': 'Status',
  'content-manager.containers.SettingPage.editSettings.relationOpenMode':
    'Verknüpfte Einträge öffnen',
  'content-manager.containers.SettingPage.editSettings.relationOpenMode.description':
    'Wie sich ein verknüpfter Eintrag beim Anklicken öffnet',
  'content-manager.containers.SettingPage.editSettings.relationOpenMode.modal':
    'Im Dialog (Standard)',
  'content-manager.containers.SettingPage.editSettings.relationOpenMode.newTab': 'In neuem Tab',
  'content-manager.containers.SettingPage.editSettings.relationOpenMode.page': 'Zur Seite wechseln',
  'content-manager.permissions.not-allowed.locale':
    'Sie haben keine Berechtigung für diesen Inhalt in der gewählten Sprache',
  'content-manager.popUpWarning.warning.has-draft-m2m-relations.message':
    '{count, plural, one {# verknüpfter Eintrag ist noch ein Entwurf. Er erscheint auf der Website, sobald er veröffentlicht ist.} other {# verknüpfte Einträge sind noch Entwürfe. Sie erscheinen auf der Website, sobald sie veröffentlicht sind.}}',
  'content-manager.popUpWarning.warning.has-draft-m2m-relations.additional':
    '{count, plural, one {# n:m-Verknüpfung zeigt} other {# n:m-Verknüpfungen zeigen}} auf Entwürfe, die mit ihrer Veröffentlichung sichtbar werden.',
  'content-manager.preview.error.script-failed':
    'Das Skript der Live-Vorschau konnte nicht geladen werden. Die Bearbeitung in der Vorschau ist vielleicht nicht möglich.',
};

const PLUGINS: Record<string, string> = {
  'i18n.list-view.table.header.label': 'Verfügbar in',
  'users-permissions.Settings.roles.created': 'Rolle angelegt',
  // Not in any of Strapi's files (only defaults in its code): the content manager's menu search
  // box, and its name in the main navigation.
  'search.placeholder': 'Suchen',
  'content-manager.plugin.name': 'Inhalts-Manager',
};

/**
 * Texts that are in none of Strapi's translation files, only defaults in its code (found by
 * reading the ids and `defaultMessage`s of the built admin): the ones editors can meet. Some ids
 * lack their plugin's prefix in Strapi's code (`preview.copy.label`), so they are listed as used.
 */
const CODE_DEFAULTS: Record<string, string> = {
  'app.error': 'Etwas ist schiefgelaufen',
  'app.error.copy': 'In die Zwischenablage kopieren',
  'app.error.message':
    'In Ihrer Instanz ist offenbar ein Fehler aufgetreten. Bitte melden Sie ihn Ihrem technischen Team.',
  'app.components.Button.close': 'Schließen',
  'components.placeholder.select': 'Auswählen',
  'HomePage.addWidget.selectWidget': 'Widget {widgetName} auswählen',
  'Settings.application.header': 'Anwendung',
  'Settings.tokens.viewToken': 'Token anzeigen',
  'Settings.tokens.copy.copy': 'Kopieren',
  'Settings.tokens.copy.subtitle': 'Diesen Token kopieren, um ihn anderswo zu verwenden',
  'Settings.tokens.encryptionKeyMissing':
    'Um den Token anzuzeigen, braucht die Admin-Konfiguration einen gültigen Schlüssel (encryptionKey)',
  'Settings.permissions.conditions.inherited-readonly':
    'Diese Bedingungen stammen aus Ihren Berechtigungen und können nicht geändert werden.',
  'Settings.permissions.conditions.none-applied': 'Keine Bedingungen.',
  'tours.previous': 'Zurück',
  cancel: 'Abbrechen',
  'preview.copy.label': 'Vorschau-Link kopieren',
  'preview.tabs.label': 'Status des Dokuments',
  'containers.list.displayedFields': 'Angezeigte Felder',
  'containers.SettingPage.editSettings.description':
    'Ziehen Sie die Felder an ihren Platz, um das Layout zu gestalten',
  'popUpWarning.bodyMessage.contentType.delete.all': 'Wollen Sie diese Einträge wirklich löschen?',
  'popUpWarning.bodyMessage.contentType.unpublish.all':
    'Wollen Sie die Veröffentlichung dieser Einträge wirklich zurücknehmen?',
  'components.Blocks.blocks.bulletList': 'Aufzählung',
  'components.Blocks.blocks.numberList': 'Nummerierte Liste',
  'content-manager.components.Blocks.dnd.instruction':
    'Um Blöcke zu verschieben, drücken Sie Befehls- oder Strg-Taste zusammen mit Umschalt und Pfeil nach oben oder unten',
  'content-manager.components.Blocks.dnd.reorder':
    '{item} verschoben. Neue Position im Editor: {position}.',
  'content-manager.components.Blocks.expand': 'Aufklappen',
  'content-manager.components.Blocks.collapse': 'Zuklappen',
  'content-manager.components.DynamicZone.more-actions': 'Weitere Aktionen',
  'content-manager.components.DynamicZone.add-item-above': 'Komponente darüber einfügen',
  'content-manager.components.DynamicZone.add-item-below': 'Komponente darunter einfügen',
  'content-manager.containers.list.table-headers.status': 'Status',
  'content-manager.containers.ListPage.selectedEntriesModal.title': 'Einträge veröffentlichen',
  'content-manager.containers.ListSettingsView.modal-form.size': 'Größe',
  'content-manager.containers.SettingPage.edit-settings.modal-form.mainField.hint':
    'Das angezeigte Feld festlegen',
  'content-manager.Settings.list.actions.deleteAdditionalInfos':
    'Damit werden die aktiven Sprachversionen gelöscht <em>(aus der Internationalisierung)</em>',
  'content-manager.actions.unpublish.dialog.radio-label':
    'Wählen Sie, wie die Veröffentlichung zurückgenommen wird.',
  'i18n.actions.publish.dialog.title': 'Bestätigung',
  'i18n.Settings.locales.modal.locales.label': 'Sprachen',
  'users-permissions.notification.error': 'Ein Fehler ist aufgetreten',
  'users-permissions.notification.success.saved': 'Gespeichert',
  'users-permissions.List.button.roles': 'Neue Rolle hinzufügen',
};

const USER = 'plugin::users-permissions.user';

/**
 * The users-permissions User type (website accounts): its name in the content manager's menu and
 * list title (looked up by its displayName "User"), and its field labels.
 */
export const USERS_PERMISSIONS_USER: Record<string, string> = {
  User: 'Benutzer',
  [`content-manager.content-types.${USER}.username`]: 'Benutzername',
  [`content-manager.content-types.${USER}.email`]: 'E-Mail',
  [`content-manager.content-types.${USER}.provider`]: 'Anmeldeverfahren',
  [`content-manager.content-types.${USER}.password`]: 'Passwort',
  [`content-manager.content-types.${USER}.resetPasswordToken`]: 'Token zum Zurücksetzen',
  [`content-manager.content-types.${USER}.confirmationToken`]: 'Bestätigungstoken',
  [`content-manager.content-types.${USER}.confirmed`]: 'Bestätigt',
  [`content-manager.content-types.${USER}.blocked`]: 'Gesperrt',
  [`content-manager.content-types.${USER}.role`]: 'Rolle',
};

/** Every German text this module adds. */
export const STRAPI_GERMAN_GAPS: Record<string, string> = {
  ...ADMIN,
  ...CONTENT_MANAGER,
  ...PLUGINS,
  ...CODE_DEFAULTS,
  ...USERS_PERMISSIONS_USER,
};
