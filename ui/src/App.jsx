import React, { useEffect, useState } from 'react';
import Heading from '@splunk/react-ui/Heading';
import TabLayout from '@splunk/react-ui/TabLayout';
import { loadSchema } from './api';
import Samples from './Samples';
import Inputs from './Inputs';
import Status from './Status';

export default function App() {
    const [schema, setSchema] = useState(null);
    const [schemaError, setSchemaError] = useState('');
    useEffect(() => {
        loadSchema()
            .then(setSchema)
            .catch((e) => setSchemaError(`Editing without type checks: ${e.message}`));
    }, []);
    return (
        <main style={{ padding: '0 20px 20px' }}>
            <Heading level={1}>Eventgen</Heading>
            <TabLayout defaultActivePanelId="samples" autoActivate={false}>
                <TabLayout.Panel label="Samples" panelId="samples">
                    <Samples schema={schema} schemaError={schemaError} />
                </TabLayout.Panel>
                <TabLayout.Panel label="Inputs" panelId="inputs">
                    <Inputs />
                </TabLayout.Panel>
                <TabLayout.Panel label="Status" panelId="status">
                    <Status />
                </TabLayout.Panel>
            </TabLayout>
        </main>
    );
}
