; SPDX-FileCopyrightText: 2026 The Leakscope authors
; SPDX-License-Identifier: GPL-3.0-or-later
;
; File associations, run at the end of the installer's install section (CPACK_NSIS_EXTRA_INSTALL_COMMANDS in
; installer/CMakeLists.txt). SHCTX is HKLM when Leakscope is installed for all users and HKCU otherwise,
; whichever CPack's installer chose. unregister-types.nsh undoes all of it.

; .leakscope: Leakscope's own documents, opened by a double-click.
WriteRegStr SHCTX "Software\Classes\.leakscope" "" "Leakscope.Investigation"
WriteRegStr SHCTX "Software\Classes\.leakscope" "Content Type" "application/x-leakscope"
WriteRegStr SHCTX "Software\Classes\Leakscope.Investigation" "" "Leakscope investigation"
WriteRegStr SHCTX "Software\Classes\Leakscope.Investigation\DefaultIcon" "" "$INSTDIR\bin\leakscope.exe,0"
WriteRegStr SHCTX "Software\Classes\Leakscope.Investigation\shell\open\command" "" '"$INSTDIR\bin\leakscope.exe" "%1"'

; Captures: Leakscope is offered in "Open with"; the default program (Wireshark, an editor) stays the user's.
WriteRegStr SHCTX "Software\Classes\Leakscope.Capture" "" "Network capture"
WriteRegStr SHCTX "Software\Classes\Leakscope.Capture\DefaultIcon" "" "$INSTDIR\bin\leakscope.exe,0"
WriteRegStr SHCTX "Software\Classes\Leakscope.Capture\shell\open\command" "" '"$INSTDIR\bin\leakscope.exe" "%1"'
WriteRegStr SHCTX "Software\Classes\.har\OpenWithProgids" "Leakscope.Capture" ""
WriteRegStr SHCTX "Software\Classes\.pcap\OpenWithProgids" "Leakscope.Capture" ""
WriteRegStr SHCTX "Software\Classes\.pcapng\OpenWithProgids" "Leakscope.Capture" ""
WriteRegStr SHCTX "Software\Classes\.mitm\OpenWithProgids" "Leakscope.Capture" ""

; How "Open with" names the program, and what it lists it for.
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe" "FriendlyAppName" "Leakscope"
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe\shell\open\command" "" '"$INSTDIR\bin\leakscope.exe" "%1"'
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe\SupportedTypes" ".leakscope" ""
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe\SupportedTypes" ".har" ""
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe\SupportedTypes" ".pcap" ""
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe\SupportedTypes" ".pcapng" ""
WriteRegStr SHCTX "Software\Classes\Applications\leakscope.exe\SupportedTypes" ".mitm" ""

; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED, SHCNF_IDLIST).
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
