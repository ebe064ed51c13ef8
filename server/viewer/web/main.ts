import { z } from 'zod';
import 'rrweb/dist/style.css';
import './styles.css';
import { startViewer } from './app';

// The page's Content-Security-Policy forbids eval; tell zod not to try it.
z.config({ jitless: true });
startViewer();
