import {defineAgentElements} from './define.js';

defineAgentElements();
