import '@atlaskit/css-reset';
import '../../shared/ui.css';
import './panel.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { enableJiraTheme } from '../../shared/navigation';

const root = document.getElementById('root');
if (!root) throw new Error('issue panel: #root is missing from index.html');
void enableJiraTheme();
createRoot(root).render(<App />);
