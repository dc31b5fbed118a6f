// The web console's page, bundled into dist/web/app.js by web/build.mjs.
import { render } from 'preact';
import { App } from './components/app.js';
import './styles/base.css';
import './styles/forms.css';
import './styles/console.css';
import './styles/messages.css';
import './styles/attention.css';
// Last: it overrides the others at phone width.
import './styles/phone.css';

render(<App />, document.getElementById('app')!);
