import '@atlaskit/css-reset';
import '../../shared/ui.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('admin page: #root is missing from index.html');
createRoot(root).render(<App />);
