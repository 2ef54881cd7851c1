// Entry of the Eventgen page: Splunk Web's view template loads this bundle after
// /config (window.$C); the page follows the user's Splunk theme (light or dark).
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import SplunkThemeProvider from '@splunk/themes/SplunkThemeProvider';
import { defaultTheme, getThemeOptions, getUserTheme } from '@splunk/splunk-utils/themes';
import { useSplunkTheme } from '@splunk/themes';
import App from './App';

function Background({ children }) {
    const theme = useSplunkTheme();
    useEffect(() => {
        document.body.style.background = theme.backgroundColorPage || theme.backgroundColor || '';
        document.body.style.color = theme.contentColorDefault || theme.textColor || '';
    }, [theme]);
    return children;
}

function Root() {
    const [theme, setTheme] = useState(null);
    useEffect(() => {
        // Splunk Web 9 serves a theme API; older versions say it in $C.
        let done = false;
        const fallback = setTimeout(() => !done && setTheme(defaultTheme()), 3000);
        getUserTheme()
            .then((t) => setTheme(t))
            .catch(() => setTheme(defaultTheme()))
            .finally(() => {
                done = true;
                clearTimeout(fallback);
            });
    }, []);
    if (!theme) return null;
    const options = getThemeOptions(theme);
    document.documentElement.dataset.theme = options.colorScheme;
    return (
        <SplunkThemeProvider {...options}>
            <Background>
                <App />
            </Background>
        </SplunkThemeProvider>
    );
}

createRoot(document.getElementById('eventgen-root')).render(<Root />);
