; ANN Studio installer for Windows (NSIS 3, Modern UI 2), English and Simplified Chinese.
;
; Compile (paths below are relative to this script's folder, where makensis runs; pass absolute paths):
;   makensis -DVERSION=0.1.0 -DVERSION_NUMERIC=0.1.0.0 -DPAYLOAD_DIR=C:\src\dist\ann-studio ^
;            -DOUTFILE=C:\src\dist\ann-studio-0.1.0-windows-x64-setup.exe packaging\windows\ann-studio.nsi
; PAYLOAD_DIR is the PyInstaller one-folder bundle (ann-studio.exe, ann-studio-cli.exe, _internal\).
; packaging/windows/build_stub.sh compiles this script on Linux against a stand-in payload.
;
; Installs for all users under Program Files (administrator rights), with a Start-menu shortcut, an optional
; desktop shortcut, the .annproj file type, an Add/Remove Programs entry and an uninstaller that removes
; exactly what was installed.

Unicode true
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "0.0.0.0"
!endif
!ifndef PAYLOAD_DIR
  !define PAYLOAD_DIR "..\..\dist\ann-studio"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\ann-studio-${VERSION}-windows-x64-setup.exe"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\ann-studio.ico"
!endif

!define APP_NAME "ANN Studio"
!define APP_EXE "ann-studio.exe"
!define APP_CLI_EXE "ann-studio-cli.exe"
!define PUBLISHER "ANN Studio developers"
!define PROGID "ANNStudio.Project"
!define FILE_EXT ".annproj"
!define MIME_TYPE "application/x-ann-studio-project"
!define REG_APP "Software\ANN Studio"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\ANN Studio"
!define REG_APP_PATHS "Software\Microsoft\Windows\CurrentVersion\App Paths\${APP_EXE}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${REG_APP}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

; ------------------------------------------------------------------------------------------- interface
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_NOREBOOTSUPPORT

; Remember the chosen language for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${REG_APP}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ------------------------------------------------------------------------------------ translated strings
LangString NAME_SecApp ${LANG_ENGLISH} "ANN Studio (required)"
LangString NAME_SecApp ${LANG_SIMPCHINESE} "ANN Studio（必需）"
LangString DESC_SecApp ${LANG_ENGLISH} "The application, its Start-menu shortcut and the uninstaller."
LangString DESC_SecApp ${LANG_SIMPCHINESE} "应用程序、开始菜单快捷方式和卸载程序。"
LangString NAME_SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString NAME_SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString DESC_SecDesktop ${LANG_ENGLISH} "Put an ANN Studio icon on the desktop."
LangString DESC_SecDesktop ${LANG_SIMPCHINESE} "在桌面上放置 ANN Studio 图标。"
LangString NAME_SecAssoc ${LANG_ENGLISH} "Open .annproj files with ANN Studio"
LangString NAME_SecAssoc ${LANG_SIMPCHINESE} "用 ANN Studio 打开 .annproj 文件"
LangString DESC_SecAssoc ${LANG_ENGLISH} "Double-click an ANN Studio project (.annproj) to open it."
LangString DESC_SecAssoc ${LANG_SIMPCHINESE} "双击 ANN Studio 项目文件（.annproj）即可打开。"
LangString FILETYPE_Desc ${LANG_ENGLISH} "ANN Studio project"
LangString FILETYPE_Desc ${LANG_SIMPCHINESE} "ANN Studio 项目"
LangString SHORTCUT_Comment ${LANG_ENGLISH} "Draw a neural network and watch it learn"
LangString SHORTCUT_Comment ${LANG_SIMPCHINESE} "绘制神经网络，观察它如何学习"
LangString MSG_Needs64Bit ${LANG_ENGLISH} "ANN Studio needs 64-bit Windows 10 or newer."
LangString MSG_Needs64Bit ${LANG_SIMPCHINESE} "ANN Studio 需要 64 位 Windows 10 或更高版本。"
LangString MSG_CloseApp ${LANG_ENGLISH} "Please close ANN Studio before continuing."
LangString MSG_CloseApp ${LANG_SIMPCHINESE} "请先关闭 ANN Studio，然后继续。"

; ---------------------------------------------------------------------------------------------- install
Section "$(NAME_SecApp)" SecApp
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"

  ; A running copy would keep its files locked: ask to close it.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    check_running:
    ClearErrors
    FileOpen $0 "$INSTDIR\${APP_EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MSG_CloseApp)" /SD IDCANCEL IDRETRY check_running
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}

  ; An upgrade replaces the whole bundle, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "$(SHORTCUT_Comment)"

  WriteRegStr HKLM "${REG_APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${REG_APP}" "Version" "${VERSION}"
  WriteRegStr HKLM "${REG_APP_PATHS}" "" "$INSTDIR\${APP_EXE}"

  ; Add/Remove Programs (Settings > Apps)
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${REG_UNINSTALL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${REG_UNINSTALL}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "EstimatedSize" "$0"
SectionEnd

Section "$(NAME_SecDesktop)" SecDesktop
  SetShellVarContext all
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "$(SHORTCUT_Comment)"
SectionEnd

Section "$(NAME_SecAssoc)" SecAssoc
  WriteRegStr HKLM "Software\Classes\${FILE_EXT}" "" "${PROGID}"
  WriteRegStr HKLM "Software\Classes\${FILE_EXT}" "Content Type" "${MIME_TYPE}"
  WriteRegStr HKLM "Software\Classes\${FILE_EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "$(FILETYPE_Desc)"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\${APP_EXE}\SupportedTypes" "${FILE_EXT}" ""
  WriteRegStr HKLM "${REG_APP}" "FileAssociation" "1"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(DESC_SecApp)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(DESC_SecDesktop)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} "$(DESC_SecAssoc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(MSG_Needs64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

; -------------------------------------------------------------------------------------------- uninstall
Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; Only what the installer put there: never a recursive delete of $INSTDIR itself.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${APP_CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; File type: remove our ProgID, and the extension's default only if it still points to us.
  DeleteRegValue HKLM "Software\Classes\${FILE_EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKLM "Software\Classes\${FILE_EXT}\OpenWithProgids"
  ReadRegStr $0 HKLM "Software\Classes\${FILE_EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKLM "Software\Classes\${FILE_EXT}" ""
    DeleteRegValue HKLM "Software\Classes\${FILE_EXT}" "Content Type"
  ${EndIf}
  DeleteRegKey /ifempty HKLM "Software\Classes\${FILE_EXT}"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegKey HKLM "Software\Classes\Applications\${APP_EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  DeleteRegKey HKLM "${REG_APP_PATHS}"
  DeleteRegKey HKLM "${REG_UNINSTALL}"
  DeleteRegKey HKLM "${REG_APP}"
SectionEnd
