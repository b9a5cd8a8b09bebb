; SPDX-FileCopyrightText: 2026 The Leakscope authors
; SPDX-License-Identifier: GPL-3.0-or-later
;
; Undoes register-types.nsh, run in the uninstaller (CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS). Only what Leakscope
; wrote is removed: .har and the other capture extensions keep their other programs.

DeleteRegKey SHCTX "Software\Classes\Leakscope.Investigation"
DeleteRegKey SHCTX "Software\Classes\Leakscope.Capture"
DeleteRegKey SHCTX "Software\Classes\Applications\leakscope.exe"
ReadRegStr $0 SHCTX "Software\Classes\.leakscope" ""
StrCmp $0 "Leakscope.Investigation" 0 +2
DeleteRegKey SHCTX "Software\Classes\.leakscope"
DeleteRegValue SHCTX "Software\Classes\.har\OpenWithProgids" "Leakscope.Capture"
DeleteRegValue SHCTX "Software\Classes\.pcap\OpenWithProgids" "Leakscope.Capture"
DeleteRegValue SHCTX "Software\Classes\.pcapng\OpenWithProgids" "Leakscope.Capture"
DeleteRegValue SHCTX "Software\Classes\.mitm\OpenWithProgids" "Leakscope.Capture"
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
