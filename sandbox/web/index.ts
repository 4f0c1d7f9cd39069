export { startWebUi, type WebUi } from './server';
export { readUiModules, moduleOfType, type UiModule } from './ui-modules';
export { serveResource, injectBridge, sendBridgeScript, BRIDGE_SCRIPT_URL, CUSTOM_UI_CSP } from './ui-host';
export { answerBridgeCall, frameContext, type Frame } from './bridge-calls';
